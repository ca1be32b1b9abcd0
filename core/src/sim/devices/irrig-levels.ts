import { LEVEL_SWITCHES, type LevelSwitch, type LevelSwitches } from '../physics/water-system.js';

/** Firmware level-switch debounce (§5.2: scan every 200 ms, debounce 80 ms). */
export const LEVEL_SCAN_MS = 200;
const LEVEL_DEBOUNCE_MS = 80;

/**
 * Debounced float switches: a new raw state counts once it has been seen on scans at least
 * `debounceMs` apart, so a single noisy sample never flips a switch.
 */
export class LevelTracker {
  private stable: LevelSwitches;
  private readonly candidates = new Map<LevelSwitch, { value: boolean; since: number }>();

  constructor(
    initial: LevelSwitches,
    private readonly debounceMs = LEVEL_DEBOUNCE_MS,
  ) {
    this.stable = { ...initial };
  }

  states(): LevelSwitches {
    return { ...this.stable };
  }

  /** Feed one raw scan; returns the switches whose debounced state changed. */
  scan(raw: LevelSwitches, nowMs: number): LevelSwitch[] {
    const changed: LevelSwitch[] = [];
    for (const name of LEVEL_SWITCHES) {
      if (raw[name] === this.stable[name]) {
        this.candidates.delete(name);
        continue;
      }
      const candidate = this.candidates.get(name);
      if (!candidate || candidate.value !== raw[name]) {
        this.candidates.set(name, { value: raw[name], since: nowMs });
      } else if (nowMs - candidate.since >= this.debounceMs) {
        this.stable = { ...this.stable, [name]: raw[name] };
        this.candidates.delete(name);
        changed.push(name);
      }
    }
    return changed;
  }
}
