import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { CommandResponseSchema, type CommandResponse } from '../contracts/mqtt/command.js';
import { transportCapError } from '../contracts/mqtt/commands.js';
import { TERMINAL_COMMAND_STATUSES } from '../contracts/mqtt/enums.js';
import type { InboundMessage } from '../bus/mqtt-bus.js';
import { buildSignedCommand } from '../protocol/hmac.js';
import { decodePayload } from '../protocol/payload.js';
import { canonicalJson } from '../protocol/canonical-json.js';
import { channelTopic, parseTopic } from '../protocol/topics.js';
import { HydroError } from '../runtime/errors.js';
import type { CommandRecord, CommandStatus } from '../storage/types.js';
import type { DevicesContext } from './context.js';
import { resolveSender } from './inbound.js';
import { commandView } from './views.js';

/** Reference §7.2: a command with no terminal status after 5 min is TIMEOUT. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5 * 60_000;
const PUBLISH_RETRY_DELAYS_MS = [500, 1000];
const TERMINAL: readonly CommandStatus[] = TERMINAL_COMMAND_STATUSES;
const BEFORE_ACK: CommandStatus[] = ['QUEUED', 'SENT'];
const OPEN: CommandStatus[] = ['QUEUED', 'SENT', 'ACK'];

export interface SendCommand {
  nodeId: number;
  channel: string;
  cmd: string;
  params: Record<string, unknown>;
  cmdId?: string;
  source: string;
  timeoutMs?: number;
}

export interface SendResult {
  command: CommandRecord;
  /** True when the cmd_id was already delivered and nothing was published (idempotent re-send). */
  skipped: boolean;
}

/**
 * The only publisher of commands (architecture.md §3). Every command is stored before it is
 * published, signed with its node's secret just before publishing, and moves through the status
 * machine of reference §7.2 by conditional updates only, so responses arriving early, late or
 * twice can never move it backwards. The first terminal status wins.
 */
export class CommandGateway {
  private readonly terminal = new EventEmitter();

  constructor(private readonly ctx: DevicesContext) {
    this.terminal.setMaxListeners(0);
  }

  async send(request: SendCommand): Promise<SendResult> {
    const { storage, clock } = this.ctx;
    const node = await storage.nodes.byId(request.nodeId);
    if (!node || node.lifecycleState === 'DECOMMISSIONED') {
      throw new HydroError('node_not_found', `node ${request.nodeId} does not exist`);
    }
    if (node.zoneId === null)
      throw new HydroError('node_not_bound', `node ${node.uid} is not bound to a zone`);
    const capError = transportCapError(request.cmd, request.params);
    if (capError) throw new HydroError('invalid_params', `${capError.field}: ${capError.message}`);
    const cmdId = request.cmdId ?? `hydro-${randomUUID()}`;
    const existing = await storage.commands.byCmdId(cmdId);
    if (existing) {
      if (!sameCommand(existing, request)) {
        throw new HydroError(
          'cmd_id_conflict',
          `cmd_id ${cmdId} was already used for a different command`,
        );
      }
      if (existing.status !== 'QUEUED' && existing.status !== 'SEND_FAILED')
        return { command: existing, skipped: true };
    }
    const command =
      existing ??
      (await storage.commands.insert({
        cmdId,
        nodeId: node.id,
        zoneId: node.zoneId,
        channel: request.channel,
        cmd: request.cmd,
        params: request.params,
        source: request.source,
        status: 'QUEUED',
        ts: null,
        errorCode: null,
        errorMessage: null,
        details: null,
        attempts: 0,
        createdAt: clock.now(),
        sentAt: null,
        ackAt: null,
        terminalAt: null,
        deadlineAt: null,
      }));
    this.announce(command);
    return {
      command: await this.publish(command, node.nodeSecret, request.timeoutMs),
      skipped: false,
    };
  }

  /** Resolve with the command once it reaches a terminal status (automation awaits this). */
  async awaitTerminal(cmdId: string): Promise<CommandRecord> {
    const current = await this.ctx.storage.commands.byCmdId(cmdId);
    if (!current) throw new HydroError('command_not_found', `no command ${cmdId}`);
    if (TERMINAL.includes(current.status)) return current;
    return new Promise((resolve) => this.terminal.once(cmdId, resolve));
  }

  async handleResponse(message: InboundMessage): Promise<void> {
    const topic = parseTopic(message.topic);
    if (!topic || topic.scope !== 'channel' || topic.kind !== 'command_response') return;
    const decoded = decodePayload(message.payload, CommandResponseSchema);
    if (!decoded.ok) return this.ctx.drops.drop('command_response', decoded.reason);
    const sender = resolveSender(this.ctx.directory, topic);
    if ('reason' in sender) return this.ctx.drops.drop('command_response', sender.reason);
    this.ctx.drops.accept();
    const response = decoded.value;
    const existing = await this.ctx.storage.commands.byCmdId(response.cmd_id);
    if (!existing)
      return this.storeUnknown(sender.entry.id, sender.entry.zoneId, topic.channel, response);
    await this.apply(response);
  }

  /** Mark overdue SENT/ACK commands TIMEOUT. */
  async sweepTimeouts(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const overdue of await this.ctx.storage.commands.overdue(now)) {
      const moved = await this.ctx.storage.commands.transition(
        overdue.cmdId,
        ['SENT', 'ACK'],
        'TIMEOUT',
        {
          errorCode: 'command_timeout',
          errorMessage: 'no terminal response from the node in time',
          terminalAt: now,
        },
        now,
      );
      if (moved) this.finish(moved);
    }
  }

  private async publish(
    command: CommandRecord,
    secret: string,
    timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
  ): Promise<CommandRecord> {
    const { storage, clock, bus, directory } = this.ctx;
    const entry = directory.get((await storage.nodes.byId(command.nodeId!))!.uid)!;
    const topic = channelTopic(
      { gh: entry.gh, zone: entry.zone, node: entry.uid },
      command.channel,
      'command',
    );
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= PUBLISH_RETRY_DELAYS_MS.length; attempt++) {
      // Re-signed on every attempt: the node rejects a ts more than 10 s old.
      const ts = Math.floor(clock.now() / 1000);
      const wire = buildSignedCommand(secret, {
        cmd: command.cmd,
        cmd_id: command.cmdId,
        params: command.params,
        ts,
      });
      try {
        await bus.publish(topic, JSON.stringify(wire));
        const now = clock.now();
        const sent = await storage.commands.transition(
          command.cmdId,
          ['QUEUED', 'SEND_FAILED'],
          'SENT',
          {
            sentAt: now,
            ts,
            attempts: command.attempts + attempt + 1,
            deadlineAt: now + timeoutMs,
          },
          now,
        );
        // A response may have overtaken the PUBACK; then the row is already further along.
        const latest = sent ?? (await storage.commands.byCmdId(command.cmdId))!;
        if (sent) this.announce(sent);
        return latest;
      } catch (error) {
        lastError = error as Error;
        const delay = PUBLISH_RETRY_DELAYS_MS[attempt];
        if (delay !== undefined)
          await new Promise<void>((resolve) => clock.setTimeout(resolve, delay));
      }
    }
    const now = clock.now();
    const failed = await storage.commands.transition(
      command.cmdId,
      ['QUEUED'],
      'SEND_FAILED',
      {
        errorCode: 'send_failed',
        errorMessage: lastError?.message ?? 'publish failed',
        terminalAt: now,
        attempts: command.attempts + 3,
      },
      now,
    );
    if (failed) this.finish(failed);
    return failed ?? (await storage.commands.byCmdId(command.cmdId))!;
  }

  private async apply(response: CommandResponse): Promise<void> {
    const now = this.ctx.clock.now();
    const { commands } = this.ctx.storage;
    if (response.status === 'ACK') {
      const moved = await commands.transition(
        response.cmd_id,
        BEFORE_ACK,
        'ACK',
        { ackAt: now, details: response.details ?? null },
        now,
      );
      if (moved) this.announce(moved);
      return;
    }
    const moved = await commands.transition(
      response.cmd_id,
      OPEN,
      response.status,
      {
        terminalAt: now,
        details: response.details ?? null,
        errorCode: response.error_code ?? null,
        errorMessage: response.error_message ?? response.message ?? null,
      },
      now,
    );
    if (moved) this.finish(moved);
  }

  /** A response for a cmd_id we never sent: keep it (reference §7.4), as a device-sourced row. */
  private async storeUnknown(
    nodeId: number,
    zoneId: number | null,
    channel: string,
    response: CommandResponse,
  ): Promise<void> {
    const now = this.ctx.clock.now();
    const stub = await this.ctx.storage.commands.insert({
      cmdId: response.cmd_id,
      nodeId,
      zoneId,
      channel,
      cmd: 'unknown',
      params: {},
      source: 'device',
      status: 'ACK',
      ts: null,
      errorCode: response.error_code ?? null,
      errorMessage: response.error_message ?? response.message ?? null,
      details: { ...(response.details ?? {}), reported_status: response.status },
      attempts: 0,
      createdAt: now,
      sentAt: null,
      ackAt: now,
      terminalAt: null,
      deadlineAt: null,
    });
    this.announce(stub);
  }

  private finish(command: CommandRecord): void {
    this.announce(command);
    this.terminal.emit(command.cmdId, command);
  }

  private announce(command: CommandRecord): void {
    this.ctx.publish({
      channel: 'hydro.commands',
      event: 'command.status',
      data: { command: commandView(command) },
    });
  }
}

/** Same target and payload; params compared as canonical JSON (`[]` and `{}` alike). */
function sameCommand(existing: CommandRecord, request: SendCommand): boolean {
  const params = (p: unknown) => (Array.isArray(p) && p.length === 0 ? '{}' : canonicalJson(p));
  return (
    existing.nodeId === request.nodeId &&
    existing.channel === request.channel &&
    existing.cmd === request.cmd &&
    params(existing.params) === params(request.params)
  );
}
