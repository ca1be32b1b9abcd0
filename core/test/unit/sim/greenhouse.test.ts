import { describe, expect, it } from 'vitest';
import { DEMO_NODE_TYPES, createSimulatedGreenhouse } from '../../../src/sim/greenhouse.js';
import { derivedHardwareId, hardwareIdFromMac } from '../../../src/sim/simulated-node.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { NodeHarness } from './support/node-harness.js';

describe('simulated greenhouse', () => {
  it('builds the demo zone on one shared physical model with distinct hardware ids', () => {
    const greenhouse = createSimulatedGreenhouse({
      brokerUrl: 'mqtt://127.0.0.1:1',
      clock: new FakeClock(),
    });
    expect(greenhouse.nodes.map((n) => n.type)).toEqual(DEMO_NODE_TYPES);
    for (const node of greenhouse.nodes) expect(node.world).toBe(greenhouse.world);
    expect(new Set(greenhouse.nodes.map((n) => n.hardwareId)).size).toBe(DEMO_NODE_TYPES.length);
    const other = createSimulatedGreenhouse({
      brokerUrl: 'mqtt://127.0.0.1:1',
      clock: new FakeClock(),
      group: 1,
    });
    expect(other.nodes[0]?.hardwareId).not.toBe(greenhouse.nodes[0]?.hardwareId);
  });

  it('derives stable hardware ids from seeds and MACs', () => {
    expect(derivedHardwareId(3, 'ph')).toBe(derivedHardwareId(3, 'ph'));
    expect(derivedHardwareId(3, 'ph')).not.toBe(derivedHardwareId(4, 'ph'));
    expect(hardwareIdFromMac('78:E3:6D:DD:E4:68')).toBe('esp32-78e36ddde468');
    expect(() => hardwareIdFromMac('78:e3')).toThrow(/MAC/);
  });

  it('starts with the outputs off and the probes idle', () => {
    const greenhouse = createSimulatedGreenhouse({
      brokerUrl: 'mqtt://127.0.0.1:1',
      clock: new FakeClock(),
    });
    const irrig = greenhouse.node('irrig')?.state();
    expect(irrig?.actuators).toMatchObject({ pump_main: false, valve_clean_fill: false });
    expect(greenhouse.node('ph')?.state()).toMatchObject({
      connected: false,
      synced: false,
      bound: false,
    });
    expect(() => greenhouse.node('ph')?.setEstop(true)).toThrow(/E-stop/);
  });
});

describe('shared tank', () => {
  it('lets the ph node measure what the irrig node pumps and what it doses itself', () => {
    const irrig = NodeHarness.ready({
      type: 'irrig',
      initial: { clean: 0.9, solution: 0.3, ph: 5.5, ec: 2 },
    });
    const ph = NodeHarness.ready({ type: 'ph', sharedWith: irrig });
    const phReading = () => ph.on('/ph_sensor/telemetry').at(-1)?.payload.value as number;
    ph.clock.advance(3000);
    expect(phReading()).toBeCloseTo(5.5, 1);

    // Solution fill: mains water (pH 7.2) dilutes the acidic tank.
    irrig.command('valve_clean_supply', 'set_relay', { state: true });
    irrig.command('valve_solution_fill', 'set_relay', { state: true });
    irrig.command('pump_main', 'set_relay', { state: true });
    irrig.clock.advance(60_000);
    irrig.command('pump_main', 'set_relay', { state: false });
    const diluted = phReading();
    expect(diluted).toBeGreaterThan(6);

    ph.command('system', 'activate_sensor_mode');
    ph.command('pump_acid', 'dose', { ml: 30 });
    ph.clock.advance(600_000);
    expect(phReading()).toBeLessThan(diluted - 0.2);
  });
});
