import type { ProfiledNodeType } from '../contracts/mqtt/channel-maps.js';
import type { ZoneTopology } from '../contracts/zones.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { silentLogger, type Logger } from '../runtime/logger.js';
import type { FaultPatch } from './node/faults.js';
import type { NodeTiming } from './node/session.js';
import { DEFAULT_WATER, SINGLE_TANK_WATER } from './physics/water-system.js';
import { SimWorld, type WorldInitial, type WorldSnapshot } from './physics/world.js';
import {
  createSimulatedNode,
  derivedHardwareId,
  type SimulatedNode,
  type SimulatedNodeState,
} from './simulated-node.js';

/** The demo zone of architecture.md §7: a two-tank zone with its climate and light nodes. */
export const DEMO_NODE_TYPES: readonly ProfiledNodeType[] = [
  'ph',
  'ec',
  'irrig',
  'climate',
  'light',
];

export interface SimulatedGreenhouseOptions {
  readonly brokerUrl: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly seed?: number;
  /** Distinguishes several greenhouses of one seed (distinct hardware ids). */
  readonly group?: number;
  readonly speed?: number;
  readonly types?: readonly ProfiledNodeType[];
  readonly initial?: Partial<WorldInitial>;
  /**
   * The zone's plumbing (default `two_tank`). `single_tank`: the irrig node's
   * `valve_clean_fill` fills one reservoir from mains, `pump_main` circulates it (or feeds
   * `valve_irrigation`), `level_solution_min/max` watch it and the dosing nodes dose into it.
   */
  readonly topology?: ZoneTopology;
  readonly utcOffsetMinutes?: number;
  readonly timing?: Partial<NodeTiming>;
  readonly faults?: FaultPatch;
  readonly username?: string;
  readonly password?: string;
}

export interface SimulatedGreenhouse {
  readonly world: SimWorld;
  readonly nodes: readonly SimulatedNode[];
  /** The first node of a type. */
  node(type: ProfiledNodeType): SimulatedNode | undefined;
  /** Resolves once every node is connected (or stopped). */
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): { world: WorldSnapshot; nodes: SimulatedNodeState[] };
  /** Messages the nodes sent that the broker has not acknowledged yet. */
  unackedPublishes(): number;
}

/**
 * Nodes sharing one physical zone: the ph and ec nodes dose into the solution tank that the
 * irrigation node fills and circulates, the light node sees the lamps of the climate node.
 */
export function createSimulatedGreenhouse(
  options: SimulatedGreenhouseOptions,
): SimulatedGreenhouse {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 1;
  const world = new SimWorld({
    clock,
    ...(options.speed === undefined ? {} : { speed: options.speed }),
    ...(options.initial === undefined ? {} : { initial: options.initial }),
    water: options.topology === 'single_tank' ? SINGLE_TANK_WATER : DEFAULT_WATER,
    ...(options.utcOffsetMinutes === undefined
      ? {}
      : { utcOffsetMinutes: options.utcOffsetMinutes }),
  });
  const nodes = (options.types ?? DEMO_NODE_TYPES).map((type, index) =>
    createSimulatedNode({
      ...options,
      type,
      clock,
      logger: options.logger ?? silentLogger(),
      seed,
      world,
      hardwareId: derivedHardwareId(seed, `${options.group ?? 0}:${index}:${type}`),
    }),
  );
  return {
    world,
    nodes,
    node: (type) => nodes.find((n) => n.type === type),
    start: async () => {
      await Promise.all(nodes.map((n) => n.start()));
    },
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
    },
    state: () => ({ world: world.snapshot(), nodes: nodes.map((n) => n.state()) }),
    unackedPublishes: () => nodes.reduce((sum, n) => sum + n.unackedPublishes(), 0),
  };
}
