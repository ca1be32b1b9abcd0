/**
 * pH and EC of the nutrient solution tank. Doses do not act at once: they wait out a transport
 * delay (pump line to tank) and then mix in exponentially, faster while the pump circulates.
 * Effects scale with 1/volume, and pH moves less in a strongly buffered (high-EC) solution.
 * Magnitudes follow the reference's process-calibration defaults (§4.10 of reference-domain:
 * about 0.015 pH and 0.006 mS/cm per ml in a 100 L tank).
 */

export type Reagent = 'acid' | 'base' | 'npk' | 'calcium' | 'magnesium' | 'micro';

export interface ReagentEffect {
  /** mS/cm gained per ml dosed into 1 L. */
  readonly ecPerMlL: number;
  /** pH change per ml in 1 L of unbuffered solution (divided by the buffer factor). */
  readonly phPerMlL: number;
}

/** Concentrate strengths; the EC pumps follow node_sim's A/B/C/D ratios (NPK > Ca > Mg > micro). */
export const REAGENT_EFFECTS: Readonly<Record<Reagent, ReagentEffect>> = {
  acid: { ecPerMlL: 0.05, phPerMlL: -2 },
  base: { ecPerMlL: 0.05, phPerMlL: 2 },
  npk: { ecPerMlL: 0.6, phPerMlL: -0.2 },
  calcium: { ecPerMlL: 0.48, phPerMlL: -0.1 },
  magnesium: { ecPerMlL: 0.3, phPerMlL: -0.05 },
  micro: { ecPerMlL: 0.16, phPerMlL: -0.15 },
};

export interface ChemistrySpec {
  /** Dead time before a dose starts to show at the probes. */
  readonly transportDelayS: number;
  /** Mixing time constant while the pump circulates the tank. */
  readonly mixTauCirculatingS: number;
  /** Mixing time constant of a still tank (diffusion and convection only). */
  readonly mixTauStillS: number;
  /** Slow pH rise from nutrient uptake, per hour. */
  readonly phDriftPerH: number;
  /** EC taken up by plants, per hour. */
  readonly ecDriftPerH: number;
  /** Mains water composition, used for dilution. */
  readonly water: { readonly ph: number; readonly ec: number };
}

export const DEFAULT_CHEMISTRY: ChemistrySpec = {
  transportDelayS: 4,
  mixTauCirculatingS: 12,
  mixTauStillS: 240,
  phDriftPerH: 0.03,
  ecDriftPerH: -0.01,
  water: { ph: 7.2, ec: 0.45 },
};

const PH_MIN = 1.5;
const PH_MAX = 12.5;
const MIN_MIX_VOLUME_L = 1;
const NEGLIGIBLE_ML = 1e-6;

interface PendingDose {
  readonly reagent: Reagent;
  remainingMl: number;
  waitS: number;
}

/** How much buffering the dissolved salts add: pH gains shrink as EC grows. */
export function bufferFactor(ec: number): number {
  return 1 + 0.25 * Math.max(0, ec);
}

export class SolutionChemistry {
  private pending: PendingDose[] = [];

  constructor(
    public ph: number,
    public ec: number,
    private readonly spec: ChemistrySpec = DEFAULT_CHEMISTRY,
  ) {}

  dose(reagent: Reagent, ml: number): void {
    if (ml > 0) this.pending.push({ reagent, remainingMl: ml, waitS: this.spec.transportDelayS });
  }

  /** Millilitres dosed but not mixed in yet. */
  unmixedMl(): number {
    return this.pending.reduce((sum, dose) => sum + dose.remainingMl, 0);
  }

  /** Advance by `dtS` seconds of simulated time in a tank holding `volumeL`. */
  step(dtS: number, volumeL: number, circulating: boolean): void {
    const tau = circulating ? this.spec.mixTauCirculatingS : this.spec.mixTauStillS;
    for (const dose of this.pending) {
      const active = Math.max(0, dtS - dose.waitS);
      dose.waitS = Math.max(0, dose.waitS - dtS);
      if (active === 0) continue;
      const mixedMl = dose.remainingMl * (1 - Math.exp(-active / tau));
      dose.remainingMl -= mixedMl;
      this.apply(dose.reagent, mixedMl, volumeL);
    }
    this.pending = this.pending.filter((dose) => dose.remainingMl > NEGLIGIBLE_ML);
    if (volumeL > 0) {
      this.ph = clamp(this.ph + (this.spec.phDriftPerH * dtS) / 3600, PH_MIN, PH_MAX);
      this.ec = Math.max(0, this.ec + (this.spec.ecDriftPerH * dtS) / 3600);
    }
  }

  /**
   * `addedL` of mains water poured into `volumeL` of solution. Volume-weighted mixing: exact for
   * EC, a fair approximation for pH of a buffered solution.
   */
  dilute(addedL: number, volumeL: number): void {
    if (addedL <= 0) return;
    const total = volumeL + addedL;
    this.ec = (this.ec * volumeL + this.spec.water.ec * addedL) / total;
    this.ph = (this.ph * volumeL + this.spec.water.ph * addedL) / total;
  }

  private apply(reagent: Reagent, ml: number, volumeL: number): void {
    const effect = REAGENT_EFFECTS[reagent];
    const volume = Math.max(volumeL, MIN_MIX_VOLUME_L);
    const phDelta = (effect.phPerMlL * ml) / volume / bufferFactor(this.ec);
    this.ec += (effect.ecPerMlL * ml) / volume;
    this.ph = clamp(this.ph + phDelta, PH_MIN, PH_MAX);
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
