import type { Clock, TimerHandle } from '../../runtime/clock.js';
import type { CommandHandler, CommandReply } from '../node/command-processor.js';
import { ack, done, failure } from '../node/responses.js';
import { positiveInt, relayState } from './pump-limits.js';

interface Output {
  /** 0..1: a relay is 0 or 1, a PWM channel its duty. */
  level: number;
  transient?: { timer: TimerHandle; reply: CommandReply };
}

/**
 * Relays and PWM outputs of the relay and climate boards. `onChange` reports every level change
 * so the physical model follows the outputs.
 */
export class RelayBank {
  private readonly outputs = new Map<string, Output>();

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (channel: string, level: number) => void,
  ) {}

  level(channel: string): number {
    return this.outputs.get(channel)?.level ?? 0;
  }

  /** Latched switch; returns whether the output was already there. Cancels a pending auto-off. */
  set(channel: string, level: number, reason = 'superseded_by_command'): boolean {
    const output = this.output(channel);
    this.supersede(output, reason);
    const same = output.level === level;
    output.level = level;
    if (!same) this.onChange(channel, level);
    return same;
  }

  /** ON now, OFF after `durationMs`, then the terminal DONE of the command that asked for it. */
  pulse(channel: string, durationMs: number, reply: CommandReply): void {
    this.set(channel, 1);
    const output = this.output(channel);
    const timer = this.clock.setTimeout(() => {
      output.transient = undefined;
      output.level = 0;
      this.onChange(channel, 0);
      reply.send(done({ channel, state: false, duration_ms: durationMs }));
    }, durationMs);
    output.transient = { timer, reply };
  }

  /** Everything to its de-energised state; returns the channels that were on. */
  stopAll(reason: string): string[] {
    const stopped: string[] = [];
    for (const [channel, output] of this.outputs) {
      if (output.level === 0) continue;
      stopped.push(channel);
      this.set(channel, 0, reason);
    }
    return stopped;
  }

  reset(): void {
    for (const output of this.outputs.values()) output.transient?.timer.cancel();
    for (const [channel, output] of this.outputs) {
      if (output.level !== 0) this.onChange(channel, 0);
    }
    this.outputs.clear();
  }

  states(): Record<string, number> {
    return Object.fromEntries(
      [...this.outputs].map(([channel, output]) => [channel, output.level]),
    );
  }

  private supersede(output: Output, reason: string): void {
    if (!output.transient) return;
    const { timer, reply } = output.transient;
    output.transient = undefined;
    timer.cancel();
    // Every command gets a terminal answer, also a timed run that something else cut short.
    reply.send(done({ state: false, reason_code: reason }));
  }

  private output(channel: string): Output {
    let output = this.outputs.get(channel);
    if (!output) {
      output = { level: 0 };
      this.outputs.set(channel, output);
    }
    return output;
  }
}

/** relay_node caps the auto-off at 300 s (§11.1). */
export const RELAY_MAX_PULSE_MS = 300_000;

/**
 * `set_relay` (latched, or timed with `duration_ms`: ACK → auto-off → DONE) and `toggle` over
 * the channels `isRelay` accepts. Same-state requests are DONE with a note, not NO_EFFECT (§12).
 */
export function relayCommands(
  bank: RelayBank,
  isRelay: (channel: string) => boolean,
): Record<string, CommandHandler> {
  const setRelay: CommandHandler = (req, reply) => {
    if (!isRelay(req.channel)) {
      return reply.send(failure('relay_channel_not_found', `No relay ${req.channel}`));
    }
    const state = relayState(req.params.state);
    if (state === undefined) {
      return reply.send(failure('invalid_params', 'state must be a boolean'));
    }
    if (req.params.duration_ms !== undefined) {
      const durationMs = positiveInt(req.params.duration_ms);
      if (durationMs === undefined || !state) {
        return reply.send(
          failure('invalid_params', 'duration_ms must be a positive integer, with state ON'),
        );
      }
      const capped = Math.min(durationMs, RELAY_MAX_PULSE_MS);
      reply.send(ack({ channel: req.channel, state: true, duration_ms: capped }));
      bank.pulse(req.channel, capped, reply);
      return;
    }
    const same = bank.set(req.channel, state ? 1 : 0);
    const details: Record<string, unknown> = { channel: req.channel, state };
    if (same) details.note = 'already_in_requested_state_treated_as_done';
    reply.send(done(details));
  };
  const toggle: CommandHandler = (req, reply) => {
    if (!isRelay(req.channel)) {
      return reply.send(failure('relay_channel_not_found', `No relay ${req.channel}`));
    }
    const state = bank.level(req.channel) === 0;
    bank.set(req.channel, state ? 1 : 0);
    reply.send(done({ channel: req.channel, state }));
  };
  return { set_relay: setRelay, toggle };
}
