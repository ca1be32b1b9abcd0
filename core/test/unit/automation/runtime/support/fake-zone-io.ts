import type { BindingRole } from '../../../../../src/contracts/bindings.js';
import type { WindowSample } from '../../../../../src/automation/correction/decision-window.js';
import type { CommandStep } from '../../../../../src/automation/runtime/plans.js';
import type {
  LevelReading,
  LevelRole,
  NodeAvailability,
  ZoneIo,
} from '../../../../../src/automation/runtime/zone-io.js';
import { HydroError } from '../../../../../src/runtime/errors.js';
import type { CommandStatus } from '../../../../../src/storage/types.js';

/**
 * An in-memory ZoneIo for driving stage handlers in unit tests. The test arranges the zone's
 * hardware and reads back what the handler did:
 *
 *   const io = new FakeZoneIo(() => clock.now());
 *   io.bind('ph_sensor', 'pump_acid');              // roles that exist (all on node 1 unless
 *   io.bindOn(2, 'pump_main', 'valve_irrigation');  // bindOn says otherwise)
 *   io.setLevel('level_solution_min', true);        // fresh now; null = stale/missing
 *   io.addSamples('ph_sensor', [6.5, 6.5, 6.5]);    // one per 2 s, the last one at now
 *   io.pushSample('ec_sensor', 1.2);                // one more, at now
 *   io.setPumpRate('pump_acid', 0.5);               // ml/s calibration
 *   io.setOnline(1, false);                         // node availability
 *   io.sendStatus = 'ACK';                          // status new commands get (default DONE)
 *   io.setStatus(cmdId, 'DONE', { duration_ms: 900 });
 *   io.sent                                         // [{ cmdId, step }] in send order
 *
 * `send` of an unbound role throws HydroError `role_not_bound` like the real one; re-sending a
 * known cmdId is a no-op. `fired` records fireAndForget batches. A timed run (`run_pump`) that
 * would get DONE answers ACK and turns DONE, like a node, when its time is up or when its role
 * is switched off.
 */
export class FakeZoneIo implements ZoneIo {
  /** Role → node id. */
  readonly bindings = new Map<BindingRole, number>();
  readonly levels = new Map<LevelRole, LevelReading>();
  readonly sampleLog = new Map<BindingRole, WindowSample[]>();
  readonly offline = new Set<number>();
  readonly statuses = new Map<string, CommandStatus>();
  readonly detailsById = new Map<string, Record<string, unknown>>();
  readonly rates = new Map<BindingRole, number>();
  readonly sent: { cmdId: string; step: CommandStep }[] = [];
  readonly fired: { prefix: string; steps: CommandStep[] }[] = [];
  /** Status a command gets when sent; null leaves it unknown (never answered). */
  sendStatus: CommandStatus | null = 'DONE';
  /** Timed runs going: cmdId → role and when the node ends it. */
  private readonly runs = new Map<string, { role: BindingRole; endsAt: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  bind(...roles: BindingRole[]): this {
    return this.bindOn(1, ...roles);
  }

  bindOn(nodeId: number, ...roles: BindingRole[]): this {
    for (const role of roles) this.bindings.set(role, nodeId);
    return this;
  }

  /** A fresh (ts = now) reading; `null` makes the switch stale. */
  setLevel(role: LevelRole, triggered: boolean | null): this {
    this.levels.set(role, { triggered, ts: triggered === null ? null : this.now() });
    return this;
  }

  /** Append samples of `role`, `periodMs` apart, the last one at `now` (good quality). */
  addSamples(role: BindingRole, values: readonly number[], periodMs = 2_000): this {
    const end = this.now();
    return this.setSamples(role, [
      ...(this.sampleLog.get(role) ?? []),
      ...values.map((value, i) => ({
        ts: end - (values.length - 1 - i) * periodMs,
        value,
        quality: 'good' as const,
      })),
    ]);
  }

  /** Append one sample (default: at now, good quality); cheaper than addSamples in long runs. */
  pushSample(
    role: BindingRole,
    value: number,
    ts = this.now(),
    quality: WindowSample['quality'] = 'good',
  ): this {
    const log = this.sampleLog.get(role) ?? [];
    log.push({ ts, value, quality });
    if (log.length > 1 && log[log.length - 2]!.ts > ts) log.sort((a, b) => a.ts - b.ts);
    this.sampleLog.set(role, log);
    return this;
  }

  setSamples(role: BindingRole, samples: readonly WindowSample[]): this {
    this.sampleLog.set(
      role,
      [...samples].sort((a, b) => a.ts - b.ts),
    );
    return this;
  }

  setPumpRate(role: BindingRole, mlPerSec: number | null): this {
    if (mlPerSec === null) this.rates.delete(role);
    else this.rates.set(role, mlPerSec);
    return this;
  }

  setOnline(nodeId: number, online: boolean): this {
    if (online) this.offline.delete(nodeId);
    else this.offline.add(nodeId);
    return this;
  }

  setStatus(cmdId: string, status: CommandStatus, details?: Record<string, unknown>): this {
    this.statuses.set(cmdId, status);
    if (details) this.detailsById.set(cmdId, details);
    return this;
  }

  /** The last command sent (throws when none), for terse assertions. */
  lastSent(): { cmdId: string; step: CommandStep } {
    const last = this.sent.at(-1);
    if (!last) throw new Error('no command sent');
    return last;
  }

  has(role: BindingRole): Promise<boolean> {
    return Promise.resolve(this.bindings.has(role));
  }

  level(role: LevelRole): Promise<LevelReading> {
    return Promise.resolve(this.levels.get(role) ?? { triggered: null, ts: null });
  }

  samples(role: BindingRole, sinceMs: number): Promise<WindowSample[]> {
    const now = this.now();
    const all = this.sampleLog.get(role) ?? [];
    return Promise.resolve(all.filter((s) => s.ts >= sinceMs && s.ts <= now));
  }

  last(role: BindingRole): Promise<WindowSample | null> {
    const now = this.now();
    const all = (this.sampleLog.get(role) ?? []).filter((s) => s.ts <= now);
    return Promise.resolve(all.at(-1) ?? null);
  }

  availability(roles: readonly BindingRole[]): Promise<NodeAvailability[]> {
    const seen = new Set<number>();
    const out: NodeAvailability[] = [];
    for (const role of roles) {
      const nodeId = this.bindings.get(role);
      if (nodeId === undefined || seen.has(nodeId)) continue;
      seen.add(nodeId);
      const online = !this.offline.has(nodeId);
      out.push({ role, nodeId, online, lastSeenAt: online ? this.now() : null });
    }
    return Promise.resolve(out);
  }

  send(step: CommandStep, cmdId: string): Promise<void> {
    if (!this.bindings.has(step.role))
      return Promise.reject(new HydroError('role_not_bound', `nothing is bound to ${step.role}`));
    if (this.statuses.has(cmdId) || this.sent.some((s) => s.cmdId === cmdId))
      return Promise.resolve();
    this.sent.push({ cmdId, step });
    if (step.params.state === false) this.endRuns((run) => run.role === step.role);
    if (step.startsOnAck && this.sendStatus === 'DONE') {
      this.statuses.set(cmdId, 'ACK');
      const durationMs = Number(step.params.duration_ms);
      this.runs.set(cmdId, { role: step.role, endsAt: this.now() + durationMs });
    } else if (this.sendStatus !== null) this.statuses.set(cmdId, this.sendStatus);
    return Promise.resolve();
  }

  status(cmdId: string): Promise<CommandStatus | null> {
    this.endRuns((run) => run.endsAt <= this.now());
    return Promise.resolve(this.statuses.get(cmdId) ?? null);
  }

  private endRuns(ends: (run: { role: BindingRole; endsAt: number }) => boolean): void {
    for (const [cmdId, run] of this.runs) {
      if (!ends(run)) continue;
      this.runs.delete(cmdId);
      if (this.statuses.get(cmdId) === 'ACK') this.statuses.set(cmdId, 'DONE');
    }
  }

  details(cmdId: string): Promise<Record<string, unknown> | null> {
    return Promise.resolve(this.detailsById.get(cmdId) ?? null);
  }

  fireAndForget(steps: readonly CommandStep[], cmdIdPrefix: string): Promise<void> {
    this.fired.push({ prefix: cmdIdPrefix, steps: [...steps] });
    return Promise.resolve();
  }

  /** Probes report every 2 s unless a test says otherwise. */
  readonly periods = new Map<BindingRole, number>();

  samplePeriodMs(role: BindingRole): Promise<number | null> {
    return Promise.resolve(this.periods.get(role) ?? null);
  }

  pumpRate(role: BindingRole): Promise<number | null> {
    return Promise.resolve(this.rates.get(role) ?? null);
  }
}
