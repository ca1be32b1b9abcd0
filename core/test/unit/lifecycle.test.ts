import { describe, expect, it } from 'vitest';
import type { Component, ComponentStatus } from '../../src/runtime/component.js';
import { Lifecycle } from '../../src/runtime/lifecycle.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { FakeClock } from '../fakes/fake-clock.js';

class Recorder implements Component {
  current: ComponentStatus = { state: 'healthy', detail: null, metrics: {} };
  constructor(
    readonly name: string,
    private readonly log: string[],
    private readonly failStart = false,
  ) {}
  start(): Promise<void> {
    this.log.push(`start ${this.name}`);
    return this.failStart ? Promise.reject(new Error(`${this.name} broke`)) : Promise.resolve();
  }
  stop(): Promise<void> {
    this.log.push(`stop ${this.name}`);
    return Promise.resolve();
  }
  status(): ComponentStatus {
    return this.current;
  }
}

function setup(failing?: string) {
  const log: string[] = [];
  const clock = new FakeClock();
  const parts = ['db', 'broker', 'http'].map((n) => new Recorder(n, log, n === failing));
  return { log, clock, parts, lifecycle: new Lifecycle(parts, { clock, logger: silentLogger() }) };
}

describe('Lifecycle', () => {
  it('starts in dependency order and stops in reverse', async () => {
    const { log, lifecycle } = setup();
    await lifecycle.start();
    await lifecycle.stop();
    expect(log).toEqual([
      'start db',
      'start broker',
      'start http',
      'stop http',
      'stop broker',
      'stop db',
    ]);
  });

  it('stops what already started when a later component fails, and rethrows', async () => {
    const { log, lifecycle } = setup('broker');
    await expect(lifecycle.start()).rejects.toThrow('broker broke');
    expect(log).toEqual(['start db', 'start broker', 'stop db']);
    const broker = lifecycle.health().find((c) => c.name === 'broker');
    expect(broker).toMatchObject({ state: 'failed', detail: 'broker broke' });
  });

  it('is idempotent on stop', async () => {
    const { log, lifecycle } = setup();
    await lifecycle.start();
    await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    await lifecycle.stop();
    expect(log.filter((l) => l.startsWith('stop'))).toHaveLength(3);
  });

  it('reports component states and emits change only when something changed', async () => {
    const { clock, parts, lifecycle } = setup();
    await lifecycle.start();
    let changes = 0;
    lifecycle.on('change', () => changes++);
    lifecycle.poll();
    expect(changes).toBe(0);
    clock.advance(5000);
    parts[1]!.current = { state: 'degraded', detail: 'no clients', metrics: { clients: 0 } };
    lifecycle.poll();
    expect(changes).toBe(1);
    const broker = lifecycle.health()[1]!;
    expect(broker).toMatchObject({ name: 'broker', state: 'degraded', detail: 'no clients' });
    expect(broker.since).toBe(new Date(clock.now()).toISOString());
  });

  it('reports stopped components after stop', async () => {
    const { lifecycle } = setup();
    await lifecycle.start();
    await lifecycle.stop();
    expect(lifecycle.health().map((c) => c.state)).toEqual(['stopped', 'stopped', 'stopped']);
  });
});
