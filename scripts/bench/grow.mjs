// `npm run bench -- grow [--days 14] [--baseline-days 2]`: a simulated grow cycle on a stepped
// clock — the real core (broker, store, zone runtime, scheduler) and simulated nodes over MQTT —
// through a three-phase lettuce recipe stretched to the run's length. It prints doses per day, the share of time the solution's
// pH and EC (the simulator's truth, sampled every minute) sat inside the phase band, the alerts
// raised, and the CPU time per simulated day. The baseline, in the same run, is the same farm
// with the zone in manual (no automation): what the physics alone does to the solution and what
// the core and nodes cost without the runtime.
import { parseArgs } from 'node:util';

const dist = new URL('../../dist/core/', import.meta.url);
const { createSimulatedFarm } = await import(new URL('sim/simulated-farm.js', dist).href);

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '14' },
    'baseline-days': { type: 'string', default: '2' },
  },
});
const DAY = 86_400_000;
const MINUTE = 60_000;
const EMPTY_TANKS = { clean: 0.03, solution: 0.02 };

/** Seedling, growth and finishing over `days`, so every phase's targets are held in one run. */
function benchPhases(days) {
  const first = Math.max(1, Math.round(days * 0.2));
  const second = Math.max(1, Math.round(days * 0.4));
  const third = Math.max(1, days - first - second);
  return [
    { name: 'Seedling', days: first, ph: 5.8, ec: 1.2, light: 16 },
    { name: 'Vegetative', days: second, ph: 6.0, ec: 1.6, light: 16 },
    { name: 'Finishing', days: third, ph: 6.0, ec: 1.8, light: 14 },
  ];
}

async function grow(days, mode) {
  const farm = await createSimulatedFarm({
    apiToken: 'bench-token-0123456789',
    initial: EMPTY_TANKS,
    phases: benchPhases(days),
  });
  const { core, zone, clock } = farm;
  if (mode === 'manual')
    await core.domain.zones.setControlMode(zone.id, 'manual', 'baseline', 'bench');
  else
    await farm.pump(
      core.automation.engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'bench' }),
    );
  const end = clock.now() + days * DAY;
  const cpu0 = process.cpuUsage();
  const band = { ph: 0, ec: 0, samples: 0 };
  const phases = new Set();
  while (clock.now() < end) {
    // Small steps whenever a task runs, from the step it starts in (its command polls are 250 ms).
    await farm.runDay(Math.min(MINUTE, end - clock.now()));
    const targets = await core.domain.zones.effectiveTargets(zone.id);
    const { solution } = farm.sim.world.snapshot();
    band.samples++;
    if (targets.ph && solution.ph >= targets.ph.min && solution.ph <= targets.ph.max) band.ph++;
    if (targets.ec && solution.ec >= targets.ec.min && solution.ec <= targets.ec.max) band.ec++;
    const [cycle] = await core.domain.cycles.list({ zoneId: zone.id });
    if (cycle) phases.add(cycle.current_phase.phase_index);
  }
  const cpu = process.cpuUsage(cpu0);
  const commands = await core.storage.commands.listForZone(zone.id, 1_000_000);
  const alerts = await core.storage.alerts.list({ zoneId: zone.id, limit: 1, offset: 0 });
  const tasks = await core.storage.tasks.listForZone(zone.id, 1_000_000);
  await farm.stop();
  const failed = tasks.filter((t) => t.status === 'failed');
  if (mode !== 'manual')
    for (const t of failed)
      process.stdout.write(`failed task ${t.id} ${t.kind} at ${t.stage}: ${t.outcome}\n`);
  return {
    days,
    ph_in_band_pct: round((100 * band.ph) / band.samples),
    ec_in_band_pct: round((100 * band.ec) / band.samples),
    doses_per_day: round(commands.filter((c) => c.cmd === 'dose').length / days),
    alerts: alerts.total,
    cpu_ms_per_day: Math.round((cpu.user + cpu.system) / 1000 / days),
    phases_run: phases.size,
    tasks: tasks.length,
    tasks_failed: failed.length,
  };
}

function round(v) {
  return Math.round(v * 10) / 10;
}

const baseline = await grow(Number(values['baseline-days']), 'manual');
process.stdout.write(`baseline (manual, no automation): ${JSON.stringify(baseline)}\n`);
const auto = await grow(Number(values.days), 'auto');
process.stdout.write(`automation: ${JSON.stringify(auto)}\n`);
process.stdout.write(
  `ratios vs baseline: pH in band ${ratio(auto.ph_in_band_pct, baseline.ph_in_band_pct)}, ` +
    `EC in band ${ratio(auto.ec_in_band_pct, baseline.ec_in_band_pct)}, ` +
    `CPU per day ${ratio(auto.cpu_ms_per_day, baseline.cpu_ms_per_day)}\n`,
);
process.stdout.write(
  `${JSON.stringify({ ...auto, baseline_cpu_ms_per_day: baseline.cpu_ms_per_day })}\n`,
);

function ratio(a, b) {
  return b === 0 ? 'n/a' : `${round(a / b)}x`;
}
