import { beforeEach, describe, expect, it } from 'vitest';
import { CORE_RESTART_BACKOFF } from '../../main/backoff.js';
import { CoreSupervisor, describeExit, type SupervisorState } from '../../main/supervisor.js';
import { ENDPOINTS, FakeClock, FakeSpawner } from './fakes.js';

const TIMING = { readyTimeoutMs: 300_000, stableRunMs: 60_000, stopGraceMs: 10_000 };

let clock: FakeClock;
let spawner: FakeSpawner;
let supervisor: CoreSupervisor;
let states: SupervisorState[];

beforeEach(() => {
  clock = new FakeClock();
  spawner = new FakeSpawner(clock);
  supervisor = new CoreSupervisor({
    spawn: spawner.spawn,
    clock,
    backoff: CORE_RESTART_BACKOFF,
    ...TIMING,
  });
  states = [];
  supervisor.onChange((state) => states.push(state));
});

/**
 * Lets the latest core die with `code`, then advances time until the supervisor spawns the next
 * one; returns how long that took.
 */
function crashAndMeasureRestart(code: number, lastError: string | null = null): number {
  const spawns = spawner.spawned.length;
  const exitedAt = clock.now();
  spawner.latest.exit(code, lastError);
  while (spawner.spawned.length === spawns) clock.advance(100);
  return (spawner.spawnTimes.at(-1) ?? Number.NaN) - exitedAt;
}

describe('CoreSupervisor', () => {
  it('spawns the core and reports it running once the ready line arrives', () => {
    supervisor.start();
    expect(supervisor.state).toEqual({ kind: 'starting', attempt: 1 });
    spawner.latest.ready();
    expect(supervisor.state).toEqual({ kind: 'running', endpoints: ENDPOINTS, since: clock.now() });
    expect(spawner.spawned).toHaveLength(1);
  });

  it('restarts a crashing core with growing delays', () => {
    supervisor.start();
    const delays: number[] = [];
    for (let crash = 0; crash < 5; crash += 1) {
      spawner.latest.ready();
      clock.advance(5_000);
      delays.push(crashAndMeasureRestart(1, 'TypeError: boom'));
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(spawner.spawned).toHaveLength(6);
  });

  it('caps the delay for a core that keeps refusing to start', () => {
    supervisor.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      delays.push(crashAndMeasureRestart(2, 'hydro: MQTT port 1883 on 0.0.0.0 is already in use'));
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts a fresh back-off series after a stable run', () => {
    supervisor.start();
    expect([1, 2, 3].map(() => crashAndMeasureRestart(1))).toEqual([1_000, 2_000, 4_000]);
    spawner.latest.ready();
    clock.advance(TIMING.stableRunMs);
    expect(crashAndMeasureRestart(1)).toBe(1_000);
  });

  it('keeps counting failures when the core dies before it ran stably', () => {
    supervisor.start();
    expect(crashAndMeasureRestart(1)).toBe(1_000);
    spawner.latest.ready();
    clock.advance(TIMING.stableRunMs - 1);
    expect(crashAndMeasureRestart(1)).toBe(2_000);
  });

  it('reports why the core stopped while it waits to retry', () => {
    supervisor.start();
    spawner.latest.exit(2, 'hydro: data dir /x is locked by another Hydro');
    expect(supervisor.state).toEqual({
      kind: 'waiting',
      failure: { kind: 'refused', message: 'hydro: data dir /x is locked by another Hydro' },
      failures: 1,
      retryAt: clock.now() + 1_000,
    });
    clock.advance(1_000);
    expect(supervisor.state).toEqual({ kind: 'starting', attempt: 2 });
  });

  it('ends a core that never reports ready, killing it if it ignores SIGTERM', () => {
    supervisor.start();
    const core = spawner.latest;
    clock.advance(TIMING.readyTimeoutMs);
    expect(core.terminations).toBe(1);
    expect(core.kills).toBe(0);
    clock.advance(TIMING.stopGraceMs);
    expect(core.kills).toBe(1);
    core.exit(137);
    expect(supervisor.state).toMatchObject({
      kind: 'waiting',
      failure: { kind: 'ready-timeout', message: 'The core did not report ready within 300 s.' },
    });
  });

  it('stops a running core with SIGTERM and does not restart it', async () => {
    supervisor.start();
    const core = spawner.latest;
    core.ready();
    let stopped = false;
    const stopping = supervisor.stop().then(() => (stopped = true));
    expect(supervisor.state).toEqual({ kind: 'stopping' });
    expect(core.terminations).toBe(1);
    await Promise.resolve();
    expect(stopped).toBe(false);
    core.exit(0);
    await stopping;
    expect(supervisor.state).toEqual({ kind: 'stopped' });
    clock.advance(120_000);
    expect(spawner.spawned).toHaveLength(1);
    expect(core.kills).toBe(0);
  });

  it('kills a core that does not stop within the grace period', async () => {
    supervisor.start();
    const core = spawner.latest;
    core.ready();
    const stopping = supervisor.stop();
    clock.advance(TIMING.stopGraceMs - 1);
    expect(core.kills).toBe(0);
    clock.advance(1);
    expect(core.kills).toBe(1);
    core.exit(137);
    await stopping;
    expect(supervisor.state).toEqual({ kind: 'stopped' });
  });

  it('cancels a pending restart when stopped between attempts', async () => {
    supervisor.start();
    spawner.latest.exit(1);
    await supervisor.stop();
    expect(supervisor.state).toEqual({ kind: 'stopped' });
    clock.advance(120_000);
    expect(spawner.spawned).toHaveLength(1);
  });

  it('ignores events from a core it already replaced', () => {
    supervisor.start();
    const first = spawner.latest;
    first.exit(1);
    clock.advance(1_000);
    first.ready();
    expect(supervisor.state).toEqual({ kind: 'starting', attempt: 2 });
    first.exit(1);
    expect(supervisor.state).toEqual({ kind: 'starting', attempt: 2 });
  });

  it('retries when the process cannot even be spawned', () => {
    let calls = 0;
    const flaky = new CoreSupervisor({
      spawn: (events) => {
        calls += 1;
        if (calls === 1) throw new Error('no such file: dist/core/cli.js');
        return spawner.spawn(events);
      },
      clock,
      backoff: CORE_RESTART_BACKOFF,
      ...TIMING,
    });
    flaky.start();
    expect(flaky.state).toMatchObject({
      kind: 'waiting',
      failure: {
        kind: 'spawn-failed',
        message: expect.stringContaining('no such file') as unknown,
      },
    });
    clock.advance(1_000);
    expect(spawner.spawned).toHaveLength(1);
  });

  it('notifies listeners of every transition in order', () => {
    supervisor.start();
    spawner.latest.ready();
    spawner.latest.exit(1);
    clock.advance(1_000);
    expect(states.map((state) => state.kind)).toEqual([
      'starting',
      'running',
      'waiting',
      'starting',
    ]);
  });
});

describe('describeExit', () => {
  it('treats exit code 2 as a refusal and shows the core’s own message', () => {
    expect(
      describeExit({ code: 2, lastError: 'hydro: HTTP port 8080 on 127.0.0.1 is already in use' }),
    ).toEqual({
      kind: 'refused',
      message: 'hydro: HTTP port 8080 on 127.0.0.1 is already in use',
    });
    expect(describeExit({ code: 2, lastError: null }).message).toBe(
      'The core refused to start (exit code 2).',
    );
  });

  it('treats other codes as crashes, with the last error when known', () => {
    expect(describeExit({ code: 1, lastError: 'hydro crashed: disk full' })).toEqual({
      kind: 'crashed',
      message: 'The core exited with code 1: hydro crashed: disk full',
    });
    expect(describeExit({ code: 0, lastError: null }).message).toBe('The core exited with code 0.');
  });
});
