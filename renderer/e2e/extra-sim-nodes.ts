import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from '@playwright/test';

const CLI = fileURLToPath(new URL('../../dist/core/cli.js', import.meta.url));

interface SimReady {
  event: 'sim_ready';
  nodes: { type: string; hardware_id: string }[];
}

/**
 * `hydro sim` against the demo's broker: nodes the demo does not know, so nothing adopts them but
 * the user. The broker port is the one the core reports in its public health.
 */
export class ExtraSimNodes {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  log = '';

  async start(request: APIRequestContext, types: string[], seed: number): Promise<SimReady> {
    const health = (await (await request.get('/api/health')).json()) as {
      data: { components: { name: string; metrics: { port?: number } }[] };
    };
    const port = health.data.components.find((c) => c.name === 'broker')?.metrics.port;
    if (!port) throw new Error('the core reports no broker port');
    const args = ['sim', '--broker', `mqtt://127.0.0.1:${port}`, '--nodes', types.join(',')];
    const child = spawn(process.execPath, [CLI, ...args, '--seed', String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.log += chunk));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`hydro sim not ready:\n${this.log}`)),
        20_000,
      );
      void this.exited.then((code) => reject(new Error(`hydro sim exited ${code}:\n${this.log}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.includes('"sim_ready"')) return;
        clearTimeout(timer);
        resolve(JSON.parse(line) as SimReady);
      });
    });
  }

  async stop(): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child) return null;
    child.kill('SIGTERM');
    return this.exited;
  }
}
