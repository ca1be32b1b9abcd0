import type { BindingRole } from '../../contracts/bindings.js';
import type { BindingRecord, ZoneRecord } from '../../storage/domain-types.js';
import type { Storage } from '../../storage/storage.js';
import type { SendCommand, SendResult } from '../../devices/command-gateway.js';
import type { Clock } from '../../runtime/clock.js';
import { HydroError } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { WindowSample } from '../correction/decision-window.js';
import type { CommandStep } from './plans.js';
import type { LevelReading, LevelRole, NodeAvailability, ZoneIo } from './zone-io.js';

/** Reference-domain §10.2: level switches and probe windows older than this are stale. */
export const TELEMETRY_MAX_AGE_MS = 10_000;
/** A level switch is triggered at or above this (and only within 0..1, §5.1). */
const LEVEL_ON_THRESHOLD = 0.5;
/** The reference firmware polls a sensor channel this often when its config names no interval. */
const FIRMWARE_POLL_MS = 5_000;
/** How far back `last` looks for a sample. */
const LAST_LOOKBACK_MS = 24 * 3_600_000;

export interface StoreZoneIoDeps {
  readonly storage: Storage;
  clock: Clock;
  logger: Logger;
  commands: { send(request: SendCommand): Promise<SendResult> };
}

/** The zone's hardware as the store sees it; commands go through the gateway. */
export class StoreZoneIo implements ZoneIo {
  private bindings: Promise<Map<BindingRole, BindingRecord>> | null = null;
  /** Channel lists read by this ZoneIo (one engine step), by node id. */
  private readonly channelLists = new Map<number, ReturnType<Storage['nodes']['channels']>>();

  constructor(
    private readonly deps: StoreZoneIoDeps,
    private readonly zone: ZoneRecord,
  ) {}

  async has(role: BindingRole): Promise<boolean> {
    return (await this.roles()).has(role);
  }

  async level(role: LevelRole, maxAgeMs?: number): Promise<LevelReading> {
    const last = await this.last(role);
    // §10.2's 10 s, stretched to three polls for a switch polled every 5 s: one late report
    // (node timestamps are whole seconds, the node's clock is synced to within a few) must not
    // fail a stage; two missed reports in a row still do.
    const period = (await this.samplePeriodMs(role)) ?? 0;
    const limit = maxAgeMs ?? Math.max(TELEMETRY_MAX_AGE_MS, 3 * period);
    if (!last || this.deps.clock.now() - last.ts > limit) return { triggered: null, ts: null };
    const v = last.value;
    return { triggered: v >= 0 && v <= 1 && v >= LEVEL_ON_THRESHOLD, ts: last.ts };
  }

  async samples(role: BindingRole, sinceMs: number): Promise<WindowSample[]> {
    const binding = (await this.roles()).get(role);
    if (!binding) return [];
    const rows = this.deps.storage.telemetryHistory.rows(
      binding.nodeId,
      binding.channel,
      sinceMs,
      this.deps.clock.now() + 1,
    );
    const out: WindowSample[] = [];
    for await (const row of rows)
      out.push({ ts: row.ts, value: row.value, quality: qualityOf(row.quality) });
    return out;
  }

  async last(role: BindingRole): Promise<WindowSample | null> {
    const binding = (await this.roles()).get(role);
    if (!binding) return null;
    const values = await this.deps.storage.telemetryHistory.lastValues(binding.nodeId);
    const value = values.find((v) => v.channel === binding.channel);
    if (!value || this.deps.clock.now() - value.ts > LAST_LOOKBACK_MS) return null;
    return { ts: value.ts, value: value.value, quality: qualityOf(value.quality) };
  }

  async availability(roles: readonly BindingRole[]): Promise<NodeAvailability[]> {
    const bound = await this.roles();
    const seen = new Set<number>();
    const out: NodeAvailability[] = [];
    for (const role of roles) {
      const binding = bound.get(role);
      if (!binding || seen.has(binding.nodeId)) continue;
      seen.add(binding.nodeId);
      const node = await this.deps.storage.nodes.byId(binding.nodeId);
      out.push({
        role,
        nodeId: binding.nodeId,
        online: node?.status === 'online',
        lastSeenAt: node?.lastSeenAt ?? null,
      });
    }
    return out;
  }

  async send(step: CommandStep, cmdId: string): Promise<void> {
    const binding = (await this.roles()).get(step.role);
    if (!binding) throw new HydroError('role_not_bound', `nothing is bound to ${step.role}`);
    await this.deps.commands.send({
      nodeId: binding.nodeId,
      channel: step.channel ?? binding.channel,
      cmd: step.cmd,
      params: { ...step.params },
      cmdId,
      source: `automation:zone:${this.zone.id}`,
    });
  }

  async status(cmdId: string) {
    return (await this.deps.storage.commands.byCmdId(cmdId))?.status ?? null;
  }

  async details(cmdId: string): Promise<Record<string, unknown> | null> {
    return (await this.deps.storage.commands.byCmdId(cmdId))?.details ?? null;
  }

  async fireAndForget(steps: readonly CommandStep[], cmdIdPrefix: string): Promise<void> {
    for (const [index, step] of steps.entries()) {
      try {
        await this.send(step, `${cmdIdPrefix}-${index}`);
      } catch (error) {
        this.deps.logger.warn({ err: error, role: step.role }, 'fail-safe command not sent');
      }
    }
  }

  async samplePeriodMs(role: BindingRole): Promise<number | null> {
    const binding = (await this.roles()).get(role);
    if (!binding) return null;
    let channels = this.channelLists.get(binding.nodeId);
    if (!channels) {
      channels = this.deps.storage.nodes.channels(binding.nodeId);
      this.channelLists.set(binding.nodeId, channels);
    }
    const channel = (await channels).find((c) => c.channel === binding.channel);
    if (!channel) return null;
    const period = channel.config.poll_interval_ms;
    return typeof period === 'number' && period > 0 ? period : FIRMWARE_POLL_MS;
  }

  async pumpRate(role: BindingRole): Promise<number | null> {
    const binding = (await this.roles()).get(role);
    if (!binding) return null;
    const record = await this.deps.storage.calibrations.activePump(binding.nodeId, binding.channel);
    return record?.mlPerSec ?? null;
  }

  private roles(): Promise<Map<BindingRole, BindingRecord>> {
    this.bindings ??= this.deps.storage.bindings
      .listForZone(this.zone.id)
      .then((list) => new Map(list.map((b) => [b.role, b])));
    return this.bindings;
  }
}

function qualityOf(quality: string): WindowSample['quality'] {
  const q = quality.toLowerCase();
  return q === 'uncertain' || q === 'bad' ? q : 'good';
}
