import { describe, expect, it } from 'vitest';
import { comparableMetrics, seriesForMetric } from '../src/components/history/zone-compare.js';
import { nodeView } from './node-fixtures.js';

const sensor = (channel: string, metric: string) => ({
  channel,
  type: 'SENSOR' as const,
  metric,
  unit: null,
  actuator_type: null,
});

const nodes = [
  nodeView({
    id: 5,
    zone_id: 2,
    channels: [sensor('ph_sensor', 'PH'), sensor('temp', 'TEMPERATURE')],
  }),
  nodeView({ id: 3, zone_id: 1, channels: [sensor('ph_sensor', 'PH')] }),
  nodeView({ id: 7, zone_id: null, channels: [sensor('ph_sensor', 'PH')] }),
  nodeView({
    id: 9,
    zone_id: 1,
    channels: [{ ...sensor('pump_acid', 'PH'), type: 'ACTUATOR' as const }],
  }),
];

describe('comparing zones in History', () => {
  it('offers each metric measured in a zone, with how many zones measure it', () => {
    expect(comparableMetrics(nodes)).toEqual(
      new Map([
        ['PH', 2],
        ['TEMPERATURE', 1],
      ]),
    );
  });

  it("picks the metric's sensor channels on every zone's nodes, in zone order, up to the limit", () => {
    expect(seriesForMetric(nodes, 'PH', 20)).toEqual(['3:ph_sensor', '5:ph_sensor']);
    expect(seriesForMetric(nodes, 'PH', 1)).toEqual(['3:ph_sensor']);
    expect(seriesForMetric(nodes, 'EC', 20)).toEqual([]);
  });
});
