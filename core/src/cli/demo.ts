import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Core, CoreUrls } from '../runtime/create-core.js';
import { HydroError } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import { createSimulatedGreenhouse, type SimulatedGreenhouse } from '../sim/greenhouse.js';
import type { ZoneRecord } from '../storage/types.js';
import { DEMO_PHASES, bindDemoRoles, ensureDemoCycle } from './demo-zone.js';

const DEMO_GREENHOUSE = { uid: 'gh-demo', name: 'Demo greenhouse', timezone: 'UTC' };
const DEMO_ZONE = { uid: 'zn-demo', name: 'Demo zone (two-tank)' };
const BIND_POLL_MS = 500;
/** The ph, ec and irrigation nodes' roles: enough to prepare a tank. */
const DEMO_ROLES_FOR_CYCLE = 19;
/** `--demo-prepared`: a solution tank nine-tenths full, mixed to the first phase's targets. */
const PREPARED_TANK = { solution: 0.9, ph: DEMO_PHASES[0]!.ph, ec: DEMO_PHASES[0]!.ec };

export interface Demo {
  stop(): Promise<void>;
}

/**
 * `hydro serve --demo`: a simulated two-tank zone (ph, ec, irrig, climate, light nodes) that
 * starts from fresh water (or, `prepared`, from a mixed solution tank) and joins the way real
 * nodes do — hello in the temp namespace, then assigned to the demo zone and
 * bound once each confirms with a config report. Nothing here bypasses the protocol.
 */
export async function startDemo(
  core: Core,
  urls: CoreUrls,
  { clock, logger, prepared }: { clock: Clock; logger: Logger; prepared: boolean },
): Promise<Demo> {
  const zone = await demoZone(core, clock);
  const sim = createSimulatedGreenhouse({
    brokerUrl: urls.mqtt,
    logger: logger.child({ module: 'sim' }),
    seed: 1,
    ...(prepared ? { initial: PREPARED_TANK } : {}),
  });
  await sim.start();
  let timer: TimerHandle | undefined = clock.setInterval(
    () =>
      void bindPending(core, sim, zone, logger)
        .then(() => prepareZone(core, zone, clock))
        .catch((error: unknown) =>
          logger.warn({ err: (error as Error).message }, 'demo zone could not be prepared'),
        ),
    BIND_POLL_MS,
  );
  logger.info(
    { zone: zone.uid, nodes: sim.nodes.map((n) => n.hardwareId) },
    'demo greenhouse started',
  );
  return {
    async stop() {
      timer?.cancel();
      timer = undefined;
      await sim.stop();
    },
  };
}

async function demoZone(core: Core, clock: Clock): Promise<ZoneRecord> {
  const { greenhouses, zones } = core.storage;
  const now = clock.now();
  const existing = await zones.byUid(DEMO_ZONE.uid);
  if (existing) return existing;
  const gh =
    (await greenhouses.byUid(DEMO_GREENHOUSE.uid)) ??
    (await greenhouses.create(DEMO_GREENHOUSE, now));
  return zones.create({ greenhouseId: gh.id, ...DEMO_ZONE }, now);
}

/**
 * Once its nodes have joined, the demo zone gets its role bindings, pump calibrations and a
 * running grow cycle, so automation has something to hold from the first minute.
 */
async function prepareZone(core: Core, zone: ZoneRecord, clock: Clock): Promise<void> {
  const roles = await bindDemoRoles(core.storage, core.domain, zone, clock);
  if (roles >= DEMO_ROLES_FOR_CYCLE) await ensureDemoCycle(core.domain, zone);
}

/** Assign every registered demo node that is not bound (or whose simulated NVS was wiped). */
async function bindPending(
  core: Core,
  sim: SimulatedGreenhouse,
  zone: ZoneRecord,
  logger: Logger,
): Promise<void> {
  const { provisioning } = core.devices;
  for (const simNode of sim.nodes) {
    const node = await core.storage.nodes.byHardwareId(simNode.hardwareId);
    if (!node || node.pendingZoneId !== null) continue;
    const simBound = simNode.state().bound;
    if (node.zoneId === zone.id && simBound) continue;
    try {
      // A simulated node starts each run factory-fresh, so a bind from a previous run is redone.
      if (node.zoneId !== null) await provisioning.detach(node.id);
      await provisioning.assign(node.id, zone.id);
    } catch (error) {
      if (error instanceof HydroError && error.code === 'node_offline') continue;
      logger.warn(
        { node: node.uid, err: (error as Error).message },
        'demo node could not be assigned',
      );
    }
  }
}
