#!/usr/bin/env node
import { USAGE, parseCli } from './cli/args.js';
import { EXIT, serve } from './cli/serve.js';
import { runBackup, runRestore } from './cli/store-commands.js';
import { UsageError } from './runtime/errors.js';
import { readVersion } from './runtime/version.js';

async function main(argv: string[]): Promise<number> {
  let cli;
  try {
    cli = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`hydro: ${error.message}\n\n${USAGE}\n`);
    return EXIT.refused;
  }
  switch (cli.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    case 'version':
      process.stdout.write(`${readVersion()}\n`);
      return EXIT.ok;
    case 'serve':
      return serve(cli.flags, processIo(), { demo: cli.demo });
    case 'sim':
      // Loaded only when asked for, so the simulator never weighs on a plain serve.
      return (await import('./sim/cli.js')).runSimCommand(cli.argv, processIo());
    case 'backup':
      return runBackup(cli.dataDir, processIo());
    case 'restore':
      return runRestore(cli.file, cli.dataDir, processIo());
  }
}

function processIo() {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stopRequested: new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    }),
  };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hydro: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(EXIT.crash);
  },
);
