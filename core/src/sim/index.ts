/** The node simulator: `hydro sim`, `hydro serve --demo`, integration tests and benchmarks. */
export { runSimCommand, SIM_USAGE, type SimIo } from './cli.js';
export {
  DEMO_NODE_TYPES,
  createSimulatedGreenhouse,
  type SimulatedGreenhouse,
  type SimulatedGreenhouseOptions,
} from './greenhouse.js';
export {
  createSimulatedNode,
  derivedHardwareId,
  hardwareIdFromMac,
  type SimulatedNode,
  type SimulatedNodeOptions,
  type SimulatedNodeState,
} from './simulated-node.js';
export { NO_FAULTS, type FaultPatch, type ForcedResponse, type NodeFaults } from './node/faults.js';
export { FIRMWARE_TIMING, type NodeTiming } from './node/session.js';
export {
  NodeRuntime,
  type NodeRuntimeOptions,
  type NodeRuntimeState,
  type NodeUplink,
} from './node/node-runtime.js';
export type { StoredConfig } from './node/node-config.js';
export {
  SimWorld,
  DEFAULT_WORLD_INITIAL,
  type SimWorldOptions,
  type WorldInitial,
  type WorldSnapshot,
} from './physics/world.js';
export { SeededRandom } from './random.js';
