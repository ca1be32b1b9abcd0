import { describe, expect, it } from 'vitest';
import { AlertsService } from '../../../src/alerts/alerts-service.js';
import {
  DRAINED_MS,
  TELEMETRY_OVERFLOW_KEY,
  TelemetryOverflowWatch,
} from '../../../src/alerts/telemetry-overflow-watch.js';
import { TelemetryIngest } from '../../../src/devices/telemetry-ingest.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { devicesFixture, message, seedBoundNode } from '../../helpers/devices-fixture.js';

/** A real ingest whose writer queue holds two samples, watched by the real alerts service. */
async function setup() {
  const f = devicesFixture();
  const { node } = await seedBoundNode(f.ctx, f.clock);
  const alerts = new AlertsService({
    storage: f.storage,
    clock: f.clock,
    logger: silentLogger(),
    publish: (e) => f.events.push(e),
  });
  const watch: { current?: TelemetryOverflowWatch } = {};
  const ingest = new TelemetryIngest(f.ctx, {
    maxPending: 2,
    onOverflow: (total) => watch.current!.onOverflow(total),
  });
  const overflow = new TelemetryOverflowWatch({
    alerts,
    queue: () => ingest.stats(),
    clock: f.clock,
    logger: silentLogger(),
  });
  watch.current = overflow;
  await overflow.start();
  let value = 6;
  const sample = () =>
    ingest.handleTelemetry(
      message(`hydro/gh-1/zn-1/${node.uid}/ph_sensor/telemetry`, {
        metric_type: 'PH',
        value: (value += 0.01),
        ts: Math.floor(f.clock.now() / 1000),
      }),
    );
  const overflowAlert = async () =>
    (await f.storage.alerts.list({ code: 'telemetry_queue_overflow', limit: 5, offset: 0 }))
      .alerts[0];
  /** Let time pass in the watch's 5 s steps, letting each check finish. */
  const pass = async (ms: number) => {
    for (let t = 0; t < ms; t += 5000) {
      f.clock.advance(5000);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { f, alerts, ingest, overflow, sample, overflowAlert, pass };
}

describe('telemetry writer queue overflow alert', () => {
  it('raises an infrastructure error when samples are dropped and repeats it while they are', async () => {
    const { ingest, overflow, sample, overflowAlert, pass } = await setup();
    for (let i = 0; i < 5; i++) sample();
    expect(ingest.stats()).toMatchObject({ pending: 2, overflow: 3, received: 5, capacity: 2 });
    await expect.poll(overflowAlert).toMatchObject({
      zoneId: null,
      source: 'infra',
      severity: 'error',
      status: 'ACTIVE',
      dedupeKey: TELEMETRY_OVERFLOW_KEY,
      count: 1,
      // Raised at the first drop; the drops that follow are counted into the next raise.
      details: { dropped_total: 1, capacity: 2 },
    });
    expect(overflow.status().state).toBe('degraded');
    sample();
    sample();
    await pass(5000);
    expect(await overflowAlert()).toMatchObject({ count: 2, details: { dropped_total: 5 } });
  });

  it('resolves the alert once the queue has drained for a while', async () => {
    const { f, ingest, overflow, sample, overflowAlert, pass } = await setup();
    for (let i = 0; i < 4; i++) sample();
    await expect.poll(overflowAlert).toMatchObject({ status: 'ACTIVE' });
    await ingest.flush();
    expect(ingest.stats().pending).toBe(0);
    await pass(DRAINED_MS - 5000);
    expect(await overflowAlert()).toMatchObject({ status: 'ACTIVE' });
    await pass(5000);
    expect(await overflowAlert()).toMatchObject({ status: 'RESOLVED', resolvedBy: 'auto' });
    expect(overflow.status().state).toBe('healthy');
    const last = f.events.at(-1)!;
    expect(last.event).toBe('alert.updated');
    expect(last.data).toMatchObject({
      alert: { status: 'RESOLVED', code: 'telemetry_queue_overflow' },
    });
  });

  it('clears an alert an earlier run left active once its own queue has been calm', async () => {
    const { alerts, overflowAlert, pass } = await setup();
    await alerts.raise({
      zoneId: null,
      source: 'infra',
      code: 'telemetry_queue_overflow',
      severity: 'error',
      message: 'left over',
      dedupeKey: TELEMETRY_OVERFLOW_KEY,
    });
    await pass(DRAINED_MS);
    expect(await overflowAlert()).toMatchObject({ status: 'RESOLVED' });
  });
});
