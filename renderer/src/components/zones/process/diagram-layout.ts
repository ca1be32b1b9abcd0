import type { BindingRole } from '@contracts/bindings.js';
import type { ZoneTopology } from '@contracts/zones.js';

/**
 * Where the tank diagram draws each part, in a 560 × 330 SVG box. Two tanks (reference-domain
 * §1.3): mains → clean tank; clean or solution tank → main pump → solution tank (fill,
 * recirculation) or the plants; solution tank → drain. One tank: mains → tank → pump → plants,
 * or back into the tank (mixing).
 */

export type TankKey = 'clean' | 'solution';

export interface TankShape {
  key: TankKey;
  x: number;
  y: number;
  w: number;
  h: number;
  min: BindingRole;
  max: BindingRole;
  /** Draw the pH and EC readings inside (the tank the probes sit in). */
  probes: boolean;
}

export interface Pipe {
  points: string;
  /** The pipe carries water when every one of these is on. */
  roles: readonly BindingRole[];
}

export interface ValveShape {
  role: BindingRole;
  x: number;
  y: number;
  vertical: boolean;
}

export interface Layout {
  tanks: readonly TankShape[];
  pipes: readonly Pipe[];
  valves: readonly ValveShape[];
  pump: { x: number; y: number };
  labels: readonly { key: 'mains' | 'plants' | 'drain'; x: number; y: number; end: boolean }[];
  /** Top left of the column of dosing-pump chips. */
  dosing: { x: number; y: number };
}

const clean: TankShape = {
  key: 'clean',
  x: 110,
  y: 50,
  w: 110,
  h: 150,
  min: 'level_clean_min',
  max: 'level_clean_max',
  probes: false,
};

const TWO_TANK: Layout = {
  tanks: [
    clean,
    {
      ...clean,
      key: 'solution',
      x: 320,
      min: 'level_solution_min',
      max: 'level_solution_max',
      probes: true,
    },
  ],
  pipes: [
    { points: '20,30 150,30 150,50', roles: ['valve_clean_fill'] },
    { points: '185,200 185,250 264,250', roles: ['valve_clean_supply', 'pump_main'] },
    { points: '350,200 350,250 296,250', roles: ['valve_solution_supply', 'pump_main'] },
    { points: '280,234 280,30 405,30 405,50', roles: ['pump_main', 'valve_solution_fill'] },
    { points: '280,266 280,300 80,300', roles: ['pump_main', 'valve_irrigation'] },
    { points: '410,200 410,300 500,300', roles: ['valve_drain'] },
  ],
  valves: [
    { role: 'valve_clean_fill', x: 75, y: 30, vertical: false },
    { role: 'valve_clean_supply', x: 228, y: 250, vertical: false },
    { role: 'valve_solution_supply', x: 322, y: 250, vertical: false },
    { role: 'valve_solution_fill', x: 280, y: 130, vertical: true },
    { role: 'valve_irrigation', x: 170, y: 300, vertical: false },
    { role: 'valve_drain', x: 455, y: 300, vertical: false },
  ],
  pump: { x: 280, y: 250 },
  labels: [
    { key: 'mains', x: 20, y: 20, end: false },
    { key: 'plants', x: 74, y: 304, end: true },
    { key: 'drain', x: 506, y: 304, end: false },
  ],
  dosing: { x: 462, y: 56 },
};

const SINGLE_TANK: Layout = {
  tanks: [
    {
      ...clean,
      key: 'solution',
      x: 200,
      w: 130,
      min: 'level_solution_min',
      max: 'level_solution_max',
      probes: true,
    },
  ],
  pipes: [
    { points: '20,30 240,30 240,50', roles: ['valve_clean_fill'] },
    { points: '300,200 300,250 364,250', roles: ['pump_main'] },
    { points: '380,234 380,30 310,30 310,50', roles: ['pump_main'] },
    { points: '396,250 480,250', roles: ['pump_main', 'valve_irrigation'] },
    { points: '230,200 230,300 120,300', roles: ['valve_drain'] },
  ],
  valves: [
    { role: 'valve_clean_fill', x: 100, y: 30, vertical: false },
    { role: 'valve_irrigation', x: 440, y: 250, vertical: false },
    { role: 'valve_drain', x: 170, y: 300, vertical: false },
  ],
  pump: { x: 380, y: 250 },
  labels: [
    { key: 'mains', x: 20, y: 20, end: false },
    { key: 'plants', x: 486, y: 254, end: false },
    { key: 'drain', x: 114, y: 304, end: true },
  ],
  dosing: { x: 462, y: 56 },
};

export const LAYOUTS: Record<ZoneTopology, Layout> = {
  two_tank: TWO_TANK,
  single_tank: SINGLE_TANK,
};
