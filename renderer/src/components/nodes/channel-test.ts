import type { NodeView, SendCommandRequest } from '@contracts/devices.js';
import { FIRMWARE_NODE_PROFILES } from '@contracts/mqtt/channel-maps.js';

export type NodeChannel = NodeView['channels'][number];

/** A relay or pump test runs this long: enough to hear a click or see water move. */
export const TEST_RUN_MS = 3000;

export interface ChannelTest {
  /** `run`: an actuator switched on for TEST_RUN_MS; `probe`: one sensor read. */
  kind: 'run' | 'probe';
  request: Omit<SendCommandRequest, 'cmd_id'>;
}

/**
 * The test a channel offers (reference-backend-ui.md §4.3 "relay 3 s dry-run, state probe"):
 * a one-shot read for sensors, a timed run for actuators: `run_pump` for dosing pumps (their
 * firmware has no relay command), a timed `set_relay` for the rest, which the node switches off
 * by itself and which the two-tank node allows without its pump interlock (≤ 3 s is a dry run).
 * System channels have nothing to test. A node type whose firmware lacks the command gets none.
 */
export function channelTestFor(nodeType: string, channel: NodeChannel): ChannelTest | null {
  let test: ChannelTest | null = null;
  if (channel.type === 'SENSOR') {
    test = { kind: 'probe', request: { cmd: 'test_sensor', channel: channel.channel, params: {} } };
  } else if (channel.type === 'ACTUATOR' && channel.actuator_type !== 'SYSTEM') {
    test =
      channel.actuator_type === 'PERISTALTIC_PUMP'
        ? run('run_pump', channel.channel, { duration_ms: TEST_RUN_MS })
        : run('set_relay', channel.channel, { state: true, duration_ms: TEST_RUN_MS });
  }
  if (!test) return null;
  const commands = firmwareCommands(nodeType);
  return commands === null || commands.includes(test.request.cmd) ? test : null;
}

function run(cmd: string, channel: string, params: Record<string, unknown>): ChannelTest {
  return { kind: 'run', request: { cmd, channel, params } };
}

/** The reference firmware's command list for this node type; null when the type is not profiled. */
function firmwareCommands(nodeType: string): readonly string[] | null {
  const profile = Object.entries(FIRMWARE_NODE_PROFILES).find(([type]) => type === nodeType);
  return profile ? profile[1].commands : null;
}

/** `restart` is a builtin every node registers; the reference sends it on `system`. */
export const RESTART_REQUEST: Omit<SendCommandRequest, 'cmd_id'> = {
  cmd: 'restart',
  channel: 'system',
  params: {},
};
