import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CLI_FLAGS } from '../runtime/config.js';
import { UsageError } from '../runtime/errors.js';

export const USAGE = `Usage: hydro <command> [options]

Commands:
  serve             run the controller headless (broker, store, API and UI)
  sim               run simulated nodes against any broker (hydro sim --help)
  backup            write a backup of the store now (works while serve runs) [--data-dir DIR]
  restore FILE      replace the store with a verified backup (serve must be stopped) [--data-dir DIR]

Options for serve:
  --data-dir DIR    where the database, logs and config.json live (env HYDRO_DATA_DIR)
  --http-port N     HTTP port for the UI and API, 0 = any free port (env HYDRO_HTTP_PORT, default 8080)
  --mqtt-port N     MQTT port for the nodes, 0 = any free port (env HYDRO_MQTT_PORT, default 1883)
  --bind HOST       HTTP bind address (env HYDRO_BIND, default 127.0.0.1)
  --mqtt-url URL    use an external broker (e.g. Mosquitto) instead of the embedded one (env HYDRO_MQTT_URL)
  --database-url URL  store in PostgreSQL (postgres://…) instead of SQLite in the data dir (env HYDRO_DATABASE_URL)
  --demo            add a simulated two-tank greenhouse (ph, ec, irrig, climate, light nodes)
  --demo-prepared   with --demo: its solution tank starts full and mixed to the demo recipe,
                    as on a farm mid-season, so it is ready to irrigate within a minute

  -h, --help        show this help
  -v, --version     print the version`;

export type CliCommand =
  | {
      command: 'serve';
      flags: Partial<Record<keyof typeof CLI_FLAGS, string>>;
      demo: false | 'fresh' | 'prepared';
    }
  | { command: 'sim'; argv: string[] }
  | { command: 'backup'; dataDir: string | undefined }
  | { command: 'restore'; file: string; dataDir: string | undefined }
  | { command: 'help' }
  | { command: 'version' };

/** Parse argv (without node and the script); anything unknown is a UsageError. */
export function parseCli(argv: string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { command: 'help' };
  }
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (command === 'sim') return { command: 'sim', argv: rest };
  if (command === 'backup' || command === 'restore') return parseStoreCommand(command, rest);
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);
  const options = Object.fromEntries(
    Object.keys(CLI_FLAGS).map((name) => [name, { type: 'string' as const }]),
  ) as Record<keyof typeof CLI_FLAGS, { type: 'string' }>;
  const parsed = parseStrict({
    args: rest,
    options: {
      ...options,
      demo: { type: 'boolean' },
      'demo-prepared': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const { help, demo, 'demo-prepared': prepared, ...flags } = parsed.values;
  if (help) return { command: 'help' };
  if (prepared && !demo) throw new UsageError('--demo-prepared needs --demo');
  return { command: 'serve', flags, demo: demo ? (prepared ? 'prepared' : 'fresh') : false };
}

function parseStoreCommand(command: 'backup' | 'restore', args: string[]): CliCommand {
  const parsed = parseStrict({
    args,
    options: { 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: command === 'restore',
  });
  const dataDir = parsed.values['data-dir'];
  if (command === 'backup') return { command, dataDir };
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0)
    throw new UsageError('restore takes exactly one backup file');
  return { command, file, dataDir };
}

/** `parseArgs` whose failures are usage errors, without Node's hint about `--`. */
function parseStrict<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional argument.*$/s, ''),
    );
  }
}
