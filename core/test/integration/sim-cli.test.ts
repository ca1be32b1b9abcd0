import { PassThrough } from 'node:stream';
import { connectAsync } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AedesBrokerHost } from '../../src/broker/aedes-broker-host.js';
import type { AccessDeps } from '../../src/broker/mqtt-access.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { runSimCommand } from '../../src/sim/index.js';

const OPEN_ACCESS: AccessDeps = {
  mode: 'open',
  servicePassword: 'unused',
  onboardingPassword: undefined,
  verifyNode: () => null,
  nodeNamespace: () => null,
};

let broker: AedesBrokerHost;

beforeEach(async () => {
  broker = new AedesBrokerHost({
    port: 0,
    bind: '127.0.0.1',
    access: OPEN_ACCESS,
    logger: silentLogger(),
  });
  await broker.start();
});

afterEach(async () => {
  await broker.stop();
});

function firstLine(stream: PassThrough): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
  });
}

describe('hydro sim', () => {
  it('connects every node, prints sim_ready once, and exits 0 when asked to stop', async () => {
    const watcher = await connectAsync(broker.url(), {
      clientId: 'it-watcher',
      protocolVersion: 4,
    });
    const hellos = new Set<string>();
    watcher.on('message', (_topic, payload) => {
      hellos.add((JSON.parse(payload.toString()) as { hardware_id: string }).hardware_id);
    });
    await watcher.subscribeAsync('hydro/node_hello', { qos: 1 });

    const stdout = new PassThrough();
    let stop!: (signal: string) => void;
    const stopRequested = new Promise<string>((resolve) => (stop = resolve));
    const ready = firstLine(stdout);
    const exit = runSimCommand(
      ['--broker', broker.url(), '--nodes', 'ph,irrig,relay', '--count', '2', '--seed', '5'],
      {
        stdout,
        stderr: new PassThrough(),
        env: { HYDRO_LOG_LEVEL: 'silent' },
        stopRequested,
      },
    );
    const line = JSON.parse(await ready) as {
      event: string;
      nodes: { type: string; hardware_id: string }[];
    };
    expect(line.event).toBe('sim_ready');
    expect(line.nodes.map((n) => n.type)).toEqual(['ph', 'irrig', 'relay', 'ph', 'irrig', 'relay']);
    const ids = line.nodes.map((n) => n.hardware_id);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(id).toMatch(/^esp32-[0-9a-f]{12}$/);

    for (let i = 0; i < 200 && hellos.size < 6; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect([...hellos].sort()).toEqual([...ids].sort());

    stop('SIGTERM');
    expect(await exit).toBe(0);
    await watcher.endAsync();
  });
});
