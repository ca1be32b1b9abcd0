import type { Clock, TimerHandle } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { SeededRandom } from '../random.js';
import { gateCommand, type GateContext } from './command-gate.js';
import { DedupeCache } from './dedupe-cache.js';
import type { NodeFaults } from './faults.js';
import {
  done,
  failure,
  responsePayload,
  type CommandResponsePayload,
  type ResponseBody,
} from './responses.js';

export interface CommandRequest {
  readonly cmdId: string;
  readonly cmd: string;
  /** The channel segment of the command topic; the response goes back on it. */
  readonly channel: string;
  readonly params: Record<string, unknown>;
}

/**
 * How a handler answers. A long action keeps the reply and sends its terminal status later; a
 * handler that returns without answering gets an automatic `DONE` (§7.3 step 12).
 */
export interface CommandReply {
  send(body: ResponseBody): void;
  readonly answered: boolean;
}

export type CommandHandler = (request: CommandRequest, reply: CommandReply) => void;

export interface ProcessorDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly rng: SeededRandom;
  gate(): GateContext;
  safeMode(): boolean;
  handler(cmd: string): CommandHandler | undefined;
  faults(): NodeFaults;
  nodeNowMs(): number;
  /** Publish on `{current namespace}/{channel}/command_response`. */
  publish(channel: string, response: CommandResponsePayload): void;
}

export interface CommandStats {
  received: number;
  executed: number;
  replayed: number;
  rejected: number;
  ignored: number;
}

/**
 * Steps 10–13 of the node's command handling on top of the pure gate: dedupe by `cmd_id`,
 * SAFE_MODE, dispatch, the response envelope, and the response faults.
 */
export class CommandProcessor {
  readonly dedupe: DedupeCache;
  private readonly delayed = new Set<TimerHandle>();
  readonly stats: CommandStats = { received: 0, executed: 0, replayed: 0, rejected: 0, ignored: 0 };

  constructor(private readonly deps: ProcessorDeps) {
    this.dedupe = new DedupeCache(deps.clock);
  }

  handle(channel: string, payload: Uint8Array): void {
    this.stats.received += 1;
    if (this.deps.faults().ignoreCommands) {
      this.stats.ignored += 1;
      return;
    }
    const gated = gateCommand(payload, this.deps.gate());
    if (gated.kind === 'drop') {
      this.deps.logger.debug({ channel, reason: gated.reason }, 'command dropped');
      return;
    }
    if (gated.kind === 'reject') {
      this.stats.rejected += 1;
      this.emit(channel, gated.cmdId, gated.response);
      return;
    }
    const request: CommandRequest = { ...gated.command, channel };
    if (this.replay(request)) return;
    const reply = this.replyFor(request);
    if (this.deps.safeMode() && request.cmd !== 'exit_safe_mode') {
      reply.send(failure('safe_mode_active'));
      return;
    }
    this.dispatch(request, reply);
  }

  private replay(request: CommandRequest): boolean {
    const seen = this.dedupe.lookup(request.cmdId);
    if (!seen) return false;
    this.stats.replayed += 1;
    const body: ResponseBody =
      seen.state === 'in_progress'
        ? { status: 'ACK' }
        : seen.state === 'DONE'
          ? done(seen.details)
          : failure('command_already_failed');
    this.emit(request.channel, request.cmdId, body);
    return true;
  }

  private dispatch(request: CommandRequest, reply: CommandReply): void {
    const { forcedResponses } = this.deps.faults();
    const forced = forcedResponses[request.cmd] ?? forcedResponses[request.cmdId];
    if (forced) {
      reply.send({
        ...failure(forced.error_code ?? 'simulated_fault', forced.error_message),
        status: forced.status,
      });
      return;
    }
    const handler = this.deps.handler(request.cmd);
    if (!handler) {
      reply.send(failure('unknown_command'));
      return;
    }
    this.stats.executed += 1;
    try {
      handler(request, reply);
    } catch (error) {
      this.deps.logger.warn({ err: error, cmd: request.cmd }, 'command handler threw');
      if (!reply.answered) reply.send(failure('handler_error'));
      return;
    }
    if (!reply.answered) reply.send(done());
  }

  private replyFor(request: CommandRequest): CommandReply {
    let answered = false;
    return {
      send: (body) => {
        answered = true;
        this.remember(request.cmdId, body);
        this.emit(request.channel, request.cmdId, body);
      },
      get answered() {
        return answered;
      },
    };
  }

  /** DONE and ERROR are cached for replays, ACK marks the id in progress; other statuses are not kept. */
  private remember(cmdId: string, body: ResponseBody): void {
    switch (body.status) {
      case 'ACK':
        this.dedupe.record(cmdId, { state: 'in_progress' });
        return;
      case 'DONE':
        this.dedupe.record(
          cmdId,
          body.details ? { state: 'DONE', details: body.details } : { state: 'DONE' },
        );
        return;
      case 'ERROR':
        this.dedupe.record(cmdId, { state: 'ERROR' });
        return;
      case 'INVALID':
      case 'BUSY':
      case 'NO_EFFECT':
        this.dedupe.forget(cmdId);
        return;
    }
  }

  private emit(channel: string, cmdId: string, body: ResponseBody): void {
    const response = responsePayload(cmdId, body, this.deps.nodeNowMs());
    const faults = this.deps.faults();
    if (this.deps.rng.chance(faults.dropResponses)) return;
    const copies = faults.duplicateResponses ? 2 : 1;
    const send = () => {
      for (let i = 0; i < copies; i += 1) this.deps.publish(channel, response);
    };
    if (faults.delayResponsesMs === 0) return send();
    const timer = this.deps.clock.setTimeout(() => {
      this.delayed.delete(timer);
      send();
    }, faults.delayResponsesMs);
    this.delayed.add(timer);
  }

  /** Power loss: responses still held back by the delay fault never leave. */
  dropDelayed(): void {
    for (const timer of this.delayed) timer.cancel();
    this.delayed.clear();
  }
}
