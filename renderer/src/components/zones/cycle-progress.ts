import type { CycleView } from '@contracts/cycles.js';

const DAY_MS = 86_400_000;

export interface CycleProgress {
  /** Day of the cycle, counted from 1 on the day it started. */
  day: number;
  /** Days from start to the expected harvest; null when a phase has no duration. */
  of: number | null;
  phaseName: string;
  /** 1-based, for "phase 2 of 4". */
  phaseNumber: number;
  phaseCount: number;
}

/** "Day N of M" and the phase of a cycle; null before it has started. */
export function cycleProgress(cycle: CycleView, now: number): CycleProgress | null {
  if (cycle.started_at === null) return null;
  const started = Date.parse(cycle.started_at);
  const end = cycle.ended_at === null ? now : Date.parse(cycle.ended_at);
  const harvest = cycle.expected_harvest_at === null ? null : Date.parse(cycle.expected_harvest_at);
  return {
    day: Math.max(1, Math.floor((end - started) / DAY_MS) + 1),
    of: harvest === null ? null : Math.max(1, Math.ceil((harvest - started) / DAY_MS)),
    phaseName: cycle.current_phase.name,
    phaseNumber: cycle.current_phase.phase_index + 1,
    phaseCount: cycle.phase_count,
  };
}
