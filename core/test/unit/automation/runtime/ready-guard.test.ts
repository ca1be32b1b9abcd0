import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { irrigationRig, type IrrigationRig } from './support/irrigation-rig.js';

let r: IrrigationRig;
beforeEach(async () => {
  r = await irrigationRig();
  r.io.bind('level_solution_min');
});
afterEach(() => r.close());

const zone = async () => (await r.f.storage.zones.byId(r.zone.id))!;

describe('the ready-state guard (reference-domain §5.4)', () => {
  it('sets a ready zone idle once its solution-min switch reads dry, with an event', async () => {
    expect(await r.engine.guardReady(await zone())).toBe(false);
    expect(await r.phase()).toBe('ready');
    r.io.setLevel('level_solution_min', false);
    expect(await r.engine.guardReady(await zone())).toBe(true);
    expect(await r.phase()).toBe('idle');
    expect(await r.events()).toContain('READY_GUARD_SOLUTION_LOW');
    // Not ready any more: nothing more to do.
    expect(await r.engine.guardReady(await zone())).toBe(false);
  });

  it('leaves the zone alone on a stale level, an unbound switch or while a task runs', async () => {
    r.io.setLevel('level_solution_min', null);
    expect(await r.engine.guardReady(await zone())).toBe(false);
    r.io.setLevel('level_solution_min', false);
    r.io.bindings.delete('level_solution_min');
    expect(await r.engine.guardReady(await zone())).toBe(false);
    expect(await r.phase()).toBe('ready');
    r.io.bind('level_solution_min');
    await r.irrigate({ requested_duration_sec: 30 });
    expect(await r.engine.guardReady(await zone())).toBe(false);
    expect(await r.events()).not.toContain('READY_GUARD_SOLUTION_LOW');
  });
});
