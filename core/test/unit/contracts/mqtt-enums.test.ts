import { describe, expect, it } from 'vitest';
import {
  COMMAND_STATUSES,
  CommandResponseSchema,
  HeartbeatSchema,
  LevelSwitchEventSchema,
  LinkLossFailsafeEventSchema,
  NODE_COMMAND_STATUSES,
  NodeStatusSchema,
  SafeModeStatusSchema,
  StorageStateEventSchema,
  TERMINAL_COMMAND_STATUSES,
  TimeResponseSchema,
  canAdvanceCommandStatus,
  eventCodeOf,
  heartbeatFreeHeap,
  isFullChannelSnapshot,
  isKnownMetricType,
  isTerminalCommandStatus,
  lwtState,
  normalizeNodeType,
  reportedChannelId,
  timeResponse,
} from '../../../src/contracts/mqtt/index.js';

describe('node types', () => {
  it.each([
    ['ph', 'ph'],
    ['water_sensor', 'water_sensor'],
    ['unknown', 'unknown'],
    ['pump_node', 'unknown'],
    ['storage_irrigation_node', 'unknown'],
    ['PH', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
    [7, 'unknown'],
  ])('%j normalises to %s', (raw, type) => {
    expect(normalizeNodeType(raw)).toBe(type);
  });
});

describe('command statuses', () => {
  it('node responses never carry the backend-only statuses', () => {
    for (const status of ['QUEUED', 'SENT', 'SEND_FAILED']) {
      expect(NODE_COMMAND_STATUSES).not.toContain(status);
      expect(CommandResponseSchema.shape.status.safeParse(status).success).toBe(false);
    }
    expect(COMMAND_STATUSES).toEqual(expect.arrayContaining([...NODE_COMMAND_STATUSES]));
  });

  it('knows the terminal set of §7.2', () => {
    expect(COMMAND_STATUSES.filter(isTerminalCommandStatus)).toEqual(
      expect.arrayContaining([...TERMINAL_COMMAND_STATUSES]),
    );
    expect(COMMAND_STATUSES.filter(isTerminalCommandStatus)).toHaveLength(7);
    expect(isTerminalCommandStatus('ACK')).toBe(false);
  });

  it.each([
    ['QUEUED', 'SENT', true],
    ['SENT', 'ACK', true],
    ['ACK', 'DONE', true],
    ['QUEUED', 'DONE', true],
    ['SENT', 'ERROR', true],
    ['SENT', 'TIMEOUT', true],
    ['ACK', 'SENT', false],
    ['DONE', 'ACK', false],
    ['DONE', 'ERROR', false],
    ['ERROR', 'DONE', false],
    ['DONE', 'DONE', false],
    ['SEND_FAILED', 'SENT', true],
    ['SEND_FAILED', 'ACK', false],
  ] as const)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canAdvanceCommandStatus(from, to)).toBe(allowed);
  });
});

describe('message helpers', () => {
  it('reads free heap from free_heap or its alias', () => {
    expect(heartbeatFreeHeap(HeartbeatSchema.parse({ uptime: 1, free_heap: 5 }))).toBe(5);
    expect(heartbeatFreeHeap(HeartbeatSchema.parse({ uptime: 1, free_heap_bytes: 6 }))).toBe(6);
    expect(
      heartbeatFreeHeap(HeartbeatSchema.parse({ uptime: 1, free_heap: 5, free_heap_bytes: 6 })),
    ).toBe(5);
  });

  it.each([
    [{ event_code: 'clean_fill_completed', event: 'x', type: 'y' }, 'clean_fill_completed'],
    [{ event: 'irrigation_timeout', type: 'y' }, 'irrigation_timeout'],
    [{ event_code: '', type: 'node_rebooted' }, 'node_rebooted'],
    [{}, 'node_event'],
  ])('files %j under %s', (event, code) => {
    expect(eventCodeOf(event)).toBe(code);
  });

  it('tells the SAFE_MODE status without `status` apart from a real one', () => {
    const firmware = { state: 'safe_mode', reason: 'sensor', ts: 1710001600 };
    expect(SafeModeStatusSchema.safeParse(firmware).success).toBe(true);
    const parsed = NodeStatusSchema.parse(firmware);
    expect('status' in parsed).toBe(false);
    expect(NodeStatusSchema.safeParse({ state: 'normal', ts: 1710001600 }).success).toBe(false);
  });

  it('reads the raw LWT string', () => {
    expect(['offline', 'Online', ''].map(lwtState)).toEqual(['OFFLINE', 'ONLINE', 'OFFLINE']);
  });

  it('builds a time response that passes its own schema', () => {
    expect(TimeResponseSchema.parse(timeResponse(1737355600))).toEqual({
      message_type: 'time_response',
      unix_ts: 1737355600,
      server_time: 1737355600,
    });
  });

  it('knows which reports are full channel snapshots', () => {
    expect(isFullChannelSnapshot({ node_id: 'n' })).toBe(false);
    expect(isFullChannelSnapshot({ node_id: 'n', full_snapshot: true })).toBe(true);
    expect(isFullChannelSnapshot({ node_id: 'n', channels_replace: true })).toBe(true);
    expect(reportedChannelId({ channel: 'legacy' })).toBe('legacy');
  });

  it('keeps unknown metric types storable but not known', () => {
    expect(isKnownMetricType('PH')).toBe(true);
    expect(isKnownMetricType('LIGHT')).toBe(true);
    expect(isKnownMetricType('toString')).toBe(false);
    expect(isKnownMetricType('RADIATION')).toBe(false);
  });
});

describe('node event shapes', () => {
  it('parse the reference level-switch example strictly', () => {
    const reference = {
      event_code: 'level_switch_changed',
      channel: 'level_clean_max',
      state: true,
      initial: false,
      ts: 1710003398,
      snapshot: { clean_level_max: true, clean_level_min: true, pump_main: false },
    };
    expect(LevelSwitchEventSchema.parse(reference)).toEqual(reference);
    expect(LevelSwitchEventSchema.safeParse({ ...reference, channel: 'level_x' }).success).toBe(
      false,
    );
  });

  it('refuse the elided "..." key of the reference storage example when strict', () => {
    const reference = {
      event_code: 'clean_fill_completed',
      ts: 1710003399,
      snapshot: { clean_level_max: true, '...': false },
      state: {
        level_clean_min: 1,
        level_clean_max: 1,
        level_solution_min: 0,
        level_solution_max: 0,
      },
    };
    expect(StorageStateEventSchema.safeParse(reference).success).toBe(false);
    const fixed = { ...reference, snapshot: { clean_level_max: true } };
    expect(StorageStateEventSchema.parse(fixed)).toEqual(fixed);
  });

  it('parse the link-loss fail-safe event', () => {
    const event = {
      event_code: 'link_loss_failsafe',
      ts: 1710003500,
      timeout_sec: 120,
      stopped_pumps: ['pump_main'],
      stopped_relays: [],
    };
    expect(LinkLossFailsafeEventSchema.parse(event)).toEqual(event);
  });
});
