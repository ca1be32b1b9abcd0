import { describe, expect, it } from 'vitest';
import { RoleSchema } from '../../../src/contracts/auth.js';
import {
  CAPABILITIES,
  can,
  capabilitiesOf,
  type Capability,
} from '../../../src/contracts/capabilities.js';

/** Reference §4.7 as adopted here (admin holds everything); one row per capability. */
const EXPECTED: Record<Capability, string> = {
  //                          viewer operator agronomist engineer admin
  view: /*                 */ 'V O A E Ad',
  'devices.view_unassigned': '. . A E Ad',
  'commands.send': /*      */ '. O A E Ad',
  'alerts.resolve': /*     */ '. O A E Ad',
  'setup.edit': /*         */ '. O A E Ad',
  'devices.configure': /*  */ '. . . E Ad',
  'recipes.edit': /*       */ '. . A . Ad',
  'cycles.manage': /*      */ '. . A . Ad',
  'schedules.edit': /*     */ '. . A . Ad',
  'calibration.run': /*    */ '. O A E Ad',
  'system.diagnostics': /* */ '. . . E Ad',
  'logs.view': /*          */ '. O . E Ad',
  'system.admin': /*       */ '. . . . Ad',
};
const COLUMNS = ['viewer', 'operator', 'agronomist', 'engineer', 'admin'] as const;

describe('can(role, capability)', () => {
  it('matches the role table for every role and capability', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(CAPABILITIES).sort());
    for (const [capability, row] of Object.entries(EXPECTED) as [Capability, string][]) {
      const marks = row.split(' ');
      COLUMNS.forEach((role, i) =>
        expect(can(role, capability), `${role} ${capability}`).toBe(marks[i] !== '.'),
      );
    }
  });

  it('gives admin every capability and viewers only view', () => {
    expect(capabilitiesOf('admin')).toEqual(Object.keys(CAPABILITIES));
    expect(capabilitiesOf('viewer')).toEqual(['view']);
    for (const role of RoleSchema.options)
      expect(capabilitiesOf(role).every((c) => can(role, c))).toBe(true);
  });
});
