import { createServer, type Server } from 'node:net';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startHydro,
  startReady,
  tempDataDir,
  type HydroProcess,
} from '../helpers/hydro-process.js';

const running: HydroProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function run(args: string[], env: Record<string, string> = {}) {
  const hydro = startHydro(args, env);
  running.push(hydro);
  return hydro;
}

async function occupiedPort(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as { port: number }).port;
}

describe('hydro serve refuses to start, clearly and cleanly', () => {
  it('exits 2 naming the HTTP port and how to change it, leaving nothing behind', async () => {
    const port = await occupiedPort('127.0.0.1');
    const dataDir = tempDataDir();
    const hydro = run([
      'serve',
      '--data-dir',
      dataDir,
      '--mqtt-port',
      '0',
      '--http-port',
      String(port),
    ]);
    const { code } = await hydro.exit;
    expect(code).toBe(2);
    const lines = hydro
      .stderr()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('hydro:'));
    expect(lines).toEqual([
      `hydro: HTTP port ${port} on 127.0.0.1 is already in use; choose another with --http-port or HYDRO_HTTP_PORT`,
    ]);
    expect(hydro.stdout()).toBe('');
    expect(existsSync(join(dataDir, 'hydro.lock'))).toBe(false);
    // The broker it started first was stopped again: a new instance can take the same data dir.
    const again = run(['serve', '--data-dir', dataDir, '--mqtt-port', '0', '--http-port', '0']);
    await again.ready;
  });

  it('exits 2 naming the MQTT port', async () => {
    const port = await occupiedPort('0.0.0.0');
    const hydro = run(['serve', '--data-dir', tempDataDir(), '--http-port', '0'], {
      HYDRO_MQTT_PORT: String(port),
    });
    expect((await hydro.exit).code).toBe(2);
    expect(hydro.stderr()).toContain(
      `MQTT port ${port} on 0.0.0.0 is already in use; choose another with --mqtt-port or HYDRO_MQTT_PORT`,
    );
  });

  it('refuses a second instance on the same data dir', async () => {
    const first = await startReady();
    running.push(first.hydro);
    const second = run([
      'serve',
      '--data-dir',
      first.dataDir,
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
    ]);
    expect((await second.exit).code).toBe(2);
    expect(second.stderr()).toMatch(/another Hydro \(pid \d+\) is already using data dir/);
    expect((await fetch(`${first.ready.http}/api/health`)).status).toBe(200);
  });

  it('prints usage and exits 2 on an unknown flag', async () => {
    const hydro = run(['serve', '--htp-port', '1']);
    expect((await hydro.exit).code).toBe(2);
    expect(hydro.stderr()).toMatch(/hydro: .*--htp-port[\s\S]*Usage: hydro/);
  });

  it('explains a data dir that cannot be used', async () => {
    const file = join(tempDataDir(), 'not-a-dir');
    writeFileSync(file, '');
    const hydro = run([
      'serve',
      '--data-dir',
      join(file, 'data'),
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
    ]);
    expect((await hydro.exit).code).toBe(2);
    expect(hydro.stderr()).toMatch(/hydro: data dir .* is not writable \(ENOTDIR\)/);
  });

  it('names the file and field of a bad config.json', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ mqtt: { port: 'one' } }));
    const hydro = run(['serve', '--data-dir', dataDir, '--http-port', '0']);
    expect((await hydro.exit).code).toBe(2);
    expect(hydro.stderr()).toContain(`${join(dataDir, 'config.json')}: mqtt.port`);
  });

  it('names the variable of a bad environment setting', async () => {
    const hydro = run(['serve', '--data-dir', tempDataDir()], { HYDRO_HTTP_PORT: 'x' });
    expect((await hydro.exit).code).toBe(2);
    expect(hydro.stderr()).toContain('environment variable HYDRO_HTTP_PORT: http.port');
  });

  it('refuses a damaged database without touching it', async () => {
    const dataDir = tempDataDir();
    const junk = 'this is not a database '.repeat(400);
    writeFileSync(join(dataDir, 'hydro.db'), junk);
    const hydro = run(['serve', '--data-dir', dataDir, '--http-port', '0', '--mqtt-port', '0']);
    expect((await hydro.exit).code).toBe(2);
    expect(hydro.stderr()).toMatch(/hydro\.db is not a readable Hydro database .*restore a backup/);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dataDir, 'hydro.db'), 'utf8')).toBe(junk);
  });
});
