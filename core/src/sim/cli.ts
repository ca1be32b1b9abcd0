import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { FIRMWARE_NODE_PROFILES, type ProfiledNodeType } from '../contracts/mqtt/channel-maps.js';
import {
  DEMO_NODE_TYPES,
  createSimulatedGreenhouse,
  type SimulatedGreenhouse,
} from './greenhouse.js';

export interface SimIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopRequested: Promise<string>;
}

export const SIM_USAGE = `Usage: hydro sim --broker URL [options]

Simulated hydro 2.0 nodes against any MQTT broker.

Options:
  --broker URL        broker to connect to, e.g. mqtt://127.0.0.1:1883 (required)
  --nodes LIST        node types per group, comma separated (default ${DEMO_NODE_TYPES.join(',')})
                      types: ${Object.keys(FIRMWARE_NODE_PROFILES).join(', ')}
  --count N           groups of those nodes, each with its own tanks (default 1)
  --speed X           physics and telemetry speed-up factor (default 1)
  --seed S            seed for hardware ids and sensor noise (default 1)
  --username U        broker username used until a NodeConfig brings credentials
  --password P        broker password
  -h, --help          show this help`;

const EXIT = { ok: 0, crash: 1, usage: 2 } as const;

class SimUsageError extends Error {}

interface SimArgs {
  broker: string;
  types: ProfiledNodeType[];
  count: number;
  speed: number;
  seed: number;
  username?: string;
  password?: string;
}

function positive(
  name: string,
  text: string | undefined,
  fallback: number,
  integer: boolean,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new SimUsageError(
      `--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`,
    );
  }
  return value;
}

function parseSimArgs(argv: string[]): SimArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      broker: { type: 'string' },
      nodes: { type: 'string' },
      count: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (!values.broker) throw new SimUsageError('--broker is required');
  try {
    new URL(values.broker);
  } catch {
    throw new SimUsageError(`--broker "${values.broker}" is not a URL`);
  }
  const types = (values.nodes ?? DEMO_NODE_TYPES.join(',')).split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !Object.hasOwn(FIRMWARE_NODE_PROFILES, t));
  if (types.length === 0 || unknown.length > 0)
    throw new SimUsageError(`unknown node type: ${unknown.join(', ')}`);
  const seedText = values.seed;
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (!Number.isInteger(seed))
    throw new SimUsageError(`--seed must be an integer, got "${seedText}"`);
  return {
    broker: values.broker,
    types: types as ProfiledNodeType[],
    count: positive('count', values.count, 1, true),
    speed: positive('speed', values.speed, 1, false),
    seed,
    ...(values.username === undefined ? {} : { username: values.username }),
    ...(values.password === undefined ? {} : { password: values.password }),
  };
}

/**
 * `hydro sim`: run simulated nodes until asked to stop. Prints one JSON line
 * `{"event":"sim_ready","nodes":[{type,hardware_id}...]}` once every node is connected; logs go
 * to stderr. Exit 0 on a clean stop, 2 on bad arguments.
 */
export async function runSimCommand(argv: string[], io: SimIo): Promise<number> {
  let args: SimArgs | 'help';
  try {
    args = parseSimArgs(argv);
  } catch (error) {
    io.stderr.write(`hydro sim: ${(error as Error).message}\n\n${SIM_USAGE}\n`);
    return EXIT.usage;
  }
  if (args === 'help') {
    io.stdout.write(`${SIM_USAGE}\n`);
    return EXIT.ok;
  }
  const logger = pino({ level: io.env.HYDRO_LOG_LEVEL ?? 'info' }, io.stderr);
  const { broker, types, count, speed, seed, username, password } = args;
  const groups: SimulatedGreenhouse[] = Array.from({ length: count }, (_, group) =>
    createSimulatedGreenhouse({
      brokerUrl: broker,
      logger,
      seed,
      group,
      speed,
      types,
      username,
      password,
    }),
  );
  const nodes = groups.flatMap((g) => g.nodes);
  try {
    const ready = Promise.all(groups.map((g) => g.start())).then(() => 'ready' as const);
    const first = await Promise.race([ready, io.stopRequested]);
    if (first === 'ready') {
      const list = nodes.map((n) => ({ type: n.type, hardware_id: n.hardwareId }));
      io.stdout.write(`${JSON.stringify({ event: 'sim_ready', nodes: list })}\n`);
      logger.info({ broker, nodes: nodes.length }, 'simulated nodes connected');
      await io.stopRequested;
    }
    return EXIT.ok;
  } finally {
    await Promise.all(groups.map((g) => g.stop()));
  }
}
