import {
  BAND_ALERT_CODES,
  BAND_ALERT_DEFAULTS,
  bandStep,
  INITIAL_BAND_STATE,
  type Band,
  type BandAlertConfig,
  type BandEvent,
  type BandMetric,
  type BandState,
  type Side,
} from '../automation/alerts/band.js';
import type { EffectiveTargets } from '../contracts/zones.js';
import type { ComponentMetrics } from '../runtime/component.js';
import type { BindingRecord, ZoneRecord } from '../storage/domain-types.js';
import {
  BAND_MAX_GAP_MS,
  BAND_METRIC_LABELS,
  BAND_METRIC_ROLES,
  BAND_METRICS,
  bandFor,
  CLIMATE_PERIOD_SETTLE_MS,
  flowSince,
  noSolutionTempBand,
  PH_EC_JUDGED_PHASES,
  PROBE_SETTLE_MS,
  qualityOf,
  type SolutionTempBandOf,
} from './band-sources.js';
import { PollingProducer, type ProducerContext } from './producer-loop.js';

/** Samples are read in batches this often; the hysteresis delays are minutes. */
export const BAND_CHECK_MS = 30_000;

export function bandAlertKey(code: string, zoneId: number): string {
  return `${code}:${zoneId}`;
}

export interface BandAlertsContext extends ProducerContext {
  /** The zone's effective targets now (the domain's merge of phase and zone settings). */
  targets(zoneId: number): Promise<EffectiveTargets>;
}

export interface BandAlertsOptions {
  intervalMs?: number;
  /** Per-metric overrides of BAND_ALERT_DEFAULTS. */
  config?: Partial<Record<BandMetric, BandAlertConfig>>;
  solutionTempBand?: SolutionTempBandOf;
}

/** The hysteresis state of one (zone, metric) and the newest sample read for it. */
interface Track {
  zoneId: number;
  metric: BandMetric;
  state: BandState;
  cursor: number | null;
}

/** Which metric and side a band alert code stands for. */
const CODE_SIDES = new Map<string, { metric: BandMetric; side: Side }>(
  BAND_METRICS.flatMap((metric) =>
    (['high', 'low'] as const).map((side) => [BAND_ALERT_CODES[metric][side], { metric, side }]),
  ),
);

/**
 * Out-of-band alerts with hysteresis (reference-domain §9.2, §9.3, §6.4): pH and EC against the
 * running cycle's phase band, air temperature and humidity against the day/night targets, solution
 * temperature against its phase band. Every sample since the last check goes through `bandStep`,
 * so a short return inside the band is never missed between two checks; the condition must
 * persist for the metric's delay (10 min) to raise, and `band.ts` decides when it has cleared.
 *
 * The hysteresis state lives in memory: after a restart every metric starts from normal (an
 * excursion in progress is raised one delay later), and alerts an earlier run left ACTIVE are
 * adopted as active so the next in-band sample resolves them.
 */
export class BandAlerts extends PollingProducer {
  readonly name = 'band-alerts';
  private readonly tracks = new Map<string, Track>();
  private readonly periods = new Map<number, { period: 'day' | 'night'; changedAt: number }>();
  private readonly config: Record<BandMetric, BandAlertConfig>;
  private readonly solutionTemp: SolutionTempBandOf;
  private readonly lookbackMs: number;

  constructor(
    private readonly context: BandAlertsContext,
    options: BandAlertsOptions = {},
  ) {
    const intervalMs = options.intervalMs ?? BAND_CHECK_MS;
    super(context, intervalMs);
    this.lookbackMs = intervalMs;
    this.config = { ...BAND_ALERT_DEFAULTS, ...options.config };
    this.solutionTemp = options.solutionTempBand ?? noSolutionTempBand;
  }

  protected async restore(): Promise<void> {
    for (const alert of await this.activeAlerts([...CODE_SIDES.keys()])) {
      const meaning = CODE_SIDES.get(alert.code);
      if (!meaning || alert.zoneId === null) continue;
      // No sample of this run judged it yet: any newer sample may resolve it.
      const state: BandState = {
        status: 'active',
        side: meaning.side,
        since: alert.firstSeenAt,
        lastTs: 0,
      };
      const track = { zoneId: alert.zoneId, metric: meaning.metric, state, cursor: null };
      this.tracks.set(trackKey(alert.zoneId, meaning.metric), track);
    }
  }

  protected async check(): Promise<void> {
    const present = new Set<string>();
    for (const zone of await this.ctx.storage.zones.list()) {
      try {
        await this.checkZone(zone, present);
      } catch (error) {
        this.ctx.logger.warn({ err: error, zoneId: zone.id }, 'band alerts: zone check failed');
        for (const metric of BAND_METRICS) present.add(trackKey(zone.id, metric));
      }
    }
    // The zone or the sensor's binding is gone: nothing will ever resolve its alert.
    for (const [key, track] of this.tracks) {
      if (present.has(key)) continue;
      await this.settle(track);
      this.tracks.delete(key);
    }
  }

  protected metrics(): ComponentMetrics {
    let active = 0;
    let pending = 0;
    for (const { state } of this.tracks.values()) {
      if (state.status === 'active') active++;
      if (state.status === 'pending') pending++;
    }
    return { active, pending };
  }

  private async checkZone(zone: ZoneRecord, present: Set<string>): Promise<void> {
    const bindings = await this.ctx.storage.bindings.listForZone(zone.id);
    const byRole = new Map(bindings.map((b) => [b.role, b]));
    const watched = BAND_METRICS.filter((m) => byRole.has(BAND_METRIC_ROLES[m]));
    if (watched.length === 0) return;
    const targets = await this.context.targets(zone.id);
    const climateFrom = this.climateJudgedFrom(zone.id, targets.period);
    const probes = watched.includes('ph') || watched.includes('ec');
    const flow = probes ? await flowSince(this.ctx.storage, zone, PH_EC_JUDGED_PHASES) : null;
    for (const metric of watched) {
      present.add(trackKey(zone.id, metric));
      const judgeFrom =
        metric === 'ph' || metric === 'ec'
          ? flow === null
            ? null
            : flow + PROBE_SETTLE_MS
          : metric === 'solution_temp'
            ? -Infinity
            : climateFrom;
      const band = bandFor(metric, targets, this.solutionTemp);
      const binding = byRole.get(BAND_METRIC_ROLES[metric])!;
      await this.evaluate(this.track(zone.id, metric), binding, band, judgeFrom);
    }
  }

  /**
   * Feed the samples since the last check (not before `judgeFrom`) through the hysteresis; with
   * no band the alert has nothing to be judged against and is resolved, with no `judgeFrom` the
   * state waits.
   */
  private async evaluate(
    track: Track,
    binding: BindingRecord,
    band: Band | null,
    judgeFrom: number | null,
  ): Promise<void> {
    if (band === null) return this.settle(track);
    if (judgeFrom === null) return;
    const now = this.ctx.clock.now();
    const from = Math.max(
      track.cursor === null ? now - this.lookbackMs : track.cursor + 1,
      judgeFrom,
    );
    const rows = this.ctx.storage.telemetryHistory.rows(
      binding.nodeId,
      binding.channel,
      from,
      now + 1,
    );
    for await (const row of rows) {
      track.cursor = row.ts;
      const sample = { ts: row.ts, value: row.value, quality: qualityOf(row.quality) };
      const state = afterGap(track.state, row.ts, BAND_MAX_GAP_MS[track.metric]);
      const step = bandStep(track.metric, this.config[track.metric], band, state, sample);
      track.state = step.state;
      for (const event of step.events) {
        if (event.kind === 'resolve') {
          await this.ctx.alerts.resolveByKey(bandAlertKey(event.code, track.zoneId));
        } else if (!(await this.raise(track, binding, band, event))) {
          // Rate-limited: still pending, so the next sample out of the band tries again.
          track.state = {
            status: 'pending',
            side: event.side,
            since: event.since,
            lastTs: event.at,
          };
          return;
        }
      }
    }
  }

  private async raise(
    track: Track,
    binding: BindingRecord,
    band: Band,
    event: Extract<BandEvent, { kind: 'raise' }>,
  ): Promise<boolean> {
    const { name, unit } = BAND_METRIC_LABELS[track.metric];
    const minutes = Math.round((event.at - event.since) / 60_000);
    const where = event.side === 'high' ? 'above' : 'below';
    const alert = await this.ctx.alerts.raise({
      zoneId: track.zoneId,
      code: event.code,
      severity: 'warning',
      dedupeKey: bandAlertKey(event.code, track.zoneId),
      message: `${name} ${round(event.value)}${unit} has been ${where} the band ${round(band.min)}–${round(band.max)}${unit} for ${minutes} min`,
      details: {
        metric: track.metric,
        side: event.side,
        value: event.value,
        band_min: band.min,
        band_max: band.max,
        since: new Date(event.since).toISOString(),
        node_uid: binding.nodeUid,
        channel: binding.channel,
      },
    });
    return alert !== null;
  }

  /** Resolve an active alert of the track and start it over from normal. */
  private async settle(track: Track): Promise<void> {
    if (track.state.status === 'active') {
      const code = BAND_ALERT_CODES[track.metric][track.state.side];
      await this.ctx.alerts.resolveByKey(bandAlertKey(code, track.zoneId));
    }
    track.state = { status: 'normal', lastTs: track.state.lastTs };
  }

  private track(zoneId: number, metric: BandMetric): Track {
    const key = trackKey(zoneId, metric);
    let track = this.tracks.get(key);
    if (!track) {
      track = { zoneId, metric, state: INITIAL_BAND_STATE, cursor: null };
      this.tracks.set(key, track);
    }
    return track;
  }

  /**
   * Air temperature and humidity are judged only once the climate had time to follow a day/night
   * switch; an excursion pending at the switch starts over.
   */
  private climateJudgedFrom(zoneId: number, period: 'day' | 'night'): number {
    const seen = this.periods.get(zoneId);
    if (!seen) {
      this.periods.set(zoneId, { period, changedAt: -Infinity });
      return -Infinity;
    }
    if (seen.period !== period) {
      seen.period = period;
      seen.changedAt = this.ctx.clock.now();
      for (const metric of ['air_temp', 'humidity'] as const) {
        const track = this.tracks.get(trackKey(zoneId, metric));
        if (track?.state.status === 'pending') {
          track.state = { status: 'normal', lastTs: track.state.lastTs };
        }
      }
    }
    return seen.changedAt + CLIMATE_PERIOD_SETTLE_MS;
  }
}

function trackKey(zoneId: number, metric: BandMetric): string {
  return `${zoneId}:${metric}`;
}

/** A pending excursion interrupted by a gap longer than `maxGapMs` is no longer continuous. */
function afterGap(state: BandState, ts: number, maxGapMs: number | null): BandState {
  if (state.status !== 'pending' || maxGapMs === null || ts - state.lastTs <= maxGapMs) {
    return state;
  }
  return { status: 'normal', lastTs: state.lastTs };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
