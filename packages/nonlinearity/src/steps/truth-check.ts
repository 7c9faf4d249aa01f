import { fNonlin, type NonlinParams } from '../model.js';
import { positronKineticMeV } from '../positron.js';
import type { SampleTruth } from '../sample.js';
import { logInterpolator } from './log-interpolator.js';
import type { NonlinearityOptions } from './options.js';

/** Kinetic energies (MeV) of the mono-energetic positrons of the truth check: 1 to 8 MeV in 0.5 MeV steps. */
export const POSITRON_CHECK_ENERGIES_MEV: readonly number[] = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8];

/** How far the calibration landed from the truth of a simulated sample. */
export interface TruthComparison {
  /** Max |f_fit / f_true - 1| over the truth-check range (201 log-spaced energies). */
  readonly maxDeviation: number;
  /** Kinetic energies of the positron check, MeV. */
  readonly positronKineticMeV: readonly number[];
  /** E_rec / E_true - 1 of a positron of each energy (prompt visible energy from the truth, reconstructed with the fit). */
  readonly positronBias: readonly number[];
  /** Max |positronBias|. */
  readonly maxPositronBias: number;
  /** True f at the band energies. */
  readonly fTrueAtBand: readonly number[];
}

/**
 * Step 10, the truth check of a simulation: the fitted f against the true one over the
 * truth-check range, and mono-energetic positrons (prompt = f_true(T) T + true annihilation
 * visible energy) reconstructed with the fitted f and the measured Ge-68 peak.
 *
 * @example
 * const truth = sample.truth && truthComparison(sample.truth, nominal.params, annihilation.visibleMeV, options);
 */
export function truthComparison(
  truth: SampleTruth,
  params: NonlinParams,
  annihilationVisibleMeV: number,
  options: Pick<NonlinearityOptions, 'truthCheckMinMeV' | 'truthCheckMaxMeV' | 'bandEnergyMeV'>,
): TruthComparison {
  const fTrue = logInterpolator(truth.electronEnergyMeV, truth.fNonlin);
  let maxDeviation = 0;
  for (let k = 0; k <= 200; k++) {
    const e = options.truthCheckMinMeV * Math.pow(options.truthCheckMaxMeV / options.truthCheckMinMeV, k / 200);
    maxDeviation = Math.max(maxDeviation, Math.abs(fNonlin(e, params) / fTrue(e) - 1));
  }
  const positronBias = POSITRON_CHECK_ENERGIES_MEV.map((t) => {
    const prompt = fTrue(t) * t + truth.annihilationVisibleMeV;
    return positronKineticMeV(prompt, annihilationVisibleMeV, params) / t - 1;
  });
  return {
    maxDeviation,
    positronKineticMeV: POSITRON_CHECK_ENERGIES_MEV,
    positronBias,
    maxPositronBias: Math.max(...positronBias.map(Math.abs)),
    fTrueAtBand: options.bandEnergyMeV.map((e) => fTrue(e)),
  };
}
