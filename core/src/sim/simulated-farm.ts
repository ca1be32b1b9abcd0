import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bindDemoRoles, ensureDemoCycle, type DemoPhase } from '../cli/demo-zone.js';
import type { ProfiledNodeType } from '../contracts/mqtt/channel-maps.js';
import type { ZoneTopology } from '../contracts/zones.js';
import { loadConfig } from '../runtime/config.js';
import { createCore, type Core, type CoreUrls } from '../runtime/create-core.js';
import { silentLogger, type Logger } from '../runtime/logger.js';
import { SteppedClock } from '../runtime/stepped-clock.js';
import type { ZoneRecord } from '../storage/domain-types.js';
import {
  createSimulatedGreenhouse,
  DEMO_NODE_TYPES,
  type SimulatedGreenhouse,
} from './greenhouse.js';
import type { WorldInitial } from './physics/world.js';

/** Simulated time per step; small enough for the runtime's 250 ms command polls. */
const STEP_MS = 250;
/** Steps while only the nodes run (nothing waits on a 250 ms command poll). */
const QUIET_STEP_MS = 4_000;
/** Real time given to sockets and the event loop after each step. */
const SETTLE_MS = 2;
const MAX_SETTLE_WAITS = 20;

export interface SimulatedFarmOptions {
  apiToken: string;
  topology?: ZoneTopology;
  types?: readonly ProfiledNodeType[];
  initial?: Partial<WorldInitial>;
  timezone?: string;
  /** Start of simulated time (UTC ms). */
  startAt?: number;
  dataDir?: string;
  seed?: number;
  logger?: Logger;
  /** Roles the nodes must have bound before the farm is ready (default: a full tank zone). */
  minRoles?: number;
  /** The running cycle's recipe phases (default: the demo's). */
  phases?: readonly DemoPhase[];
}

export interface SimulatedFarm {
  readonly clock: SteppedClock;
  readonly core: Core;
  readonly urls: CoreUrls;
  readonly sim: SimulatedGreenhouse;
  readonly zone: ZoneRecord;
  readonly dataDir: string;
  /** Let `ms` of simulated time pass with the broker, nodes and core running in between. */
  run(ms: number, stepMs?: number): Promise<void>;
  /**
   * Let `ms` pass in big steps while the zone has no task and in small ones while it has (its
   * command polls and level checks need them): long stretches of a farm's day, quickly.
   */
  runDay(ms: number): Promise<void>;
  /** Run until `check` holds (checked every simulated second); throws after `maxMs`. */
  until(check: () => Promise<boolean> | boolean, maxMs: number, what?: string): Promise<number>;
  /** Await `promise` while simulated time keeps moving (it may wait on the clock). */
  pump<T>(promise: Promise<T>): Promise<T>;
  /**
   * Stop the core, let `downtimeMs` of simulated time pass with only the nodes running, and
   * start it again on the same data and ports.
   */
  restartCore(downtimeMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A whole farm on one stepped clock: the real core (embedded broker, SQLite store, zone runtime)
 * and a simulated greenhouse whose nodes join over the real protocol, bound to one zone with
 * its roles, pump calibrations and a running demo grow cycle. Simulated time moves in small steps
 * and real I/O settles between them, so an hour of tank preparation takes seconds.
 */
export async function createSimulatedFarm(options: SimulatedFarmOptions): Promise<SimulatedFarm> {
  const clock = new SteppedClock(options.startAt ?? Date.UTC(2026, 4, 4, 8, 0));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hydro-farm-'));
  const logger = options.logger ?? silentLogger();
  let running = await startCore(clock, dataDir, options.apiToken, logger);
  const sim = createSimulatedGreenhouse({
    brokerUrl: running.urls.mqtt,
    clock,
    logger,
    seed: options.seed ?? 3,
    types: options.types ?? DEMO_NODE_TYPES,
    topology: options.topology ?? 'two_tank',
    timing: { bootMs: 0 },
    ...(options.initial ? { initial: options.initial } : {}),
  });
  const { run, runDay, until, pump } = timeDriver(clock, () => running.core, sim);
  await pump(sim.start());
  const core = () => running.core;
  const zone = await createZone(core(), options);
  await until(
    async () => (await assignAll(core(), sim, zone)) === sim.nodes.length,
    120_000,
    'nodes bound',
  );
  await until(
    async () =>
      (await bindDemoRoles(core().storage, core().domain, zone, clock)) >= (options.minRoles ?? 10),
    60_000,
    'roles bound',
  );
  await until(() => levelsReported(core(), zone), 60_000, 'level switches reported');
  await ensureDemoCycle(core().domain, zone, options.phases);
  return {
    clock,
    get core() {
      return running.core;
    },
    get urls() {
      return running.urls;
    },
    sim,
    zone,
    dataDir,
    run,
    runDay,
    until,
    pump,
    async restartCore(downtimeMs = 0) {
      await running.core.stop();
      await run(downtimeMs, QUIET_STEP_MS);
      running = await startCore(clock, dataDir, options.apiToken, logger, running.urls);
    },
    async stop() {
      await pump(sim.stop());
      await running.core.stop();
    },
  };
}

/** Moving simulated time: small steps, quiet steps, until a condition, while awaiting. */
function timeDriver(clock: SteppedClock, core: () => Core, sim: SimulatedGreenhouse) {
  const run = async (ms: number, stepMs = STEP_MS) => {
    for (let t = 0; t < ms; t += stepMs) {
      clock.advance(Math.min(stepMs, ms - t));
      await settle(core(), sim);
    }
  };
  const until = async (
    check: () => Promise<boolean> | boolean,
    maxMs: number,
    what = 'condition',
  ) => {
    const start = clock.now();
    while (!(await check())) {
      if (clock.now() - start > maxMs) throw new Error(`${what} not reached in ${maxMs} ms`);
      await run(1_000);
    }
    return clock.now() - start;
  };
  // Looked at again every two quiet steps, so a task that starts gets small steps at once.
  const runDay = async (ms: number) => {
    const end = clock.now() + ms;
    while (clock.now() < end) {
      const busy = (await core().storage.tasks.listActive()).length > 0;
      const step = busy ? STEP_MS : QUIET_STEP_MS;
      await run(Math.min(end - clock.now(), 2 * step), step);
    }
  };
  const pump = async <T>(promise: Promise<T>): Promise<T> => {
    let settled = false;
    const done = promise.finally(() => (settled = true));
    while (!settled) await run(100);
    return done;
  };
  return { run, runDay, until, pump };
}

/**
 * Real time for sockets and the event loop after a step: at least SETTLE_MS, and until the
 * broker has taken what the nodes sent and the core has handled it (bounded), so a reading is
 * stored within the step it was taken in even when the machine is busy. Without the first
 * condition messages queue up in the sockets and the core sees the nodes seconds late.
 */
async function settle(core: Core, sim: SimulatedGreenhouse): Promise<void> {
  await sleep(SETTLE_MS);
  for (
    let i = 0;
    i < MAX_SETTLE_WAITS &&
    (sim.unackedPublishes() > 0 || Number(core.devices.status().metrics.queue) > 0);
    i++
  )
    await sleep(1);
}

async function startCore(
  clock: SteppedClock,
  dataDir: string,
  apiToken: string,
  logger: Logger,
  ports?: CoreUrls,
): Promise<{ core: Core; urls: CoreUrls }> {
  const port = (url: string | undefined) => (url ? new URL(url).port : '0');
  const config = loadConfig({
    env: {
      HYDRO_DATA_DIR: dataDir,
      HYDRO_API_TOKEN: apiToken,
      HYDRO_HTTP_PORT: port(ports?.http),
      HYDRO_MQTT_PORT: port(ports?.mqtt),
      HYDRO_MQTT_ACCESS: 'open',
    },
    flags: {},
  });
  const core = createCore(config, { clock, logger });
  return { core, urls: await core.start() };
}

async function createZone(core: Core, options: SimulatedFarmOptions): Promise<ZoneRecord> {
  const gh = await core.domain.greenhouses.create(
    { name: 'Simulated farm', timezone: options.timezone ?? 'UTC', description: null },
    'system:sim',
  );
  const zone = await core.domain.zones.create(
    {
      greenhouse_id: gh.id,
      name: 'Simulated zone',
      description: null,
      control_mode: 'auto',
      topology: options.topology ?? 'two_tank',
      settings: {},
    },
    'system:sim',
  );
  return (await core.storage.zones.byId(zone.id))!;
}

/** Every bound level switch has a stored reading (nodes report them every few seconds). */
async function levelsReported(core: Core, zone: ZoneRecord): Promise<boolean> {
  const levels = (await core.storage.bindings.listForZone(zone.id)).filter((b) =>
    b.role.startsWith('level_'),
  );
  for (const binding of levels) {
    const values = await core.storage.telemetryHistory.lastValues(binding.nodeId);
    if (!values.some((v) => v.channel === binding.channel)) return false;
  }
  return true;
}

/** Assign every registered simulated node to the zone; returns how many are bound. */
async function assignAll(core: Core, sim: SimulatedGreenhouse, zone: ZoneRecord): Promise<number> {
  let bound = 0;
  for (const simNode of sim.nodes) {
    const node = await core.storage.nodes.byHardwareId(simNode.hardwareId);
    if (!node) continue;
    if (node.zoneId === zone.id && node.pendingZoneId === null) bound++;
    else if (node.pendingZoneId === null && node.zoneId === null && node.status === 'online')
      await core.devices.provisioning.assign(node.id, zone.id).catch(() => undefined);
  }
  return bound;
}
