import { ValidationError } from '@nucal/core';
import { fNonlin, type NonlinParams } from './model.js';
import { POSITRON_CHECK_ENERGIES_MEV, positronKineticMeV } from './positron.js';
import { logInterpolator } from './steps/log-interpolator.js';
import type { NonlinearityCurves } from './steps/curves.js';

/**
 * The truth of a simulated sample that a closure needs: the true f on an energy grid (in the
 * Y0 scale, n-H defining it) and the true annihilation visible energy. `simulate`'s `truth`
 * has these fields, and so has its JSON (the CLI publishes it beside a simulated run).
 * Calibration code never sees it.
 */
export interface ClosureTruth {
  /** Electron kinetic energies, MeV, increasing. */
  readonly electronEnergyMeV: readonly number[];
  /** True E_vis / E_e at `electronEnergyMeV`, in the Y0 (n-H) scale. */
  readonly fNonlin: readonly number[];
  /** True visible energy of the two annihilation gammas (Ge-68 peak), MeV. */
  readonly annihilationVisibleMeV: number;
}

/** What a calibration produced that a closure compares with the truth. */
export interface ClosureFit {
  /** Fitted p0..p3 (the `juno.nonlinearity` payload's `parameters`). */
  readonly params: NonlinParams;
  /** Measured annihilation visible energy, MeV (the `juno.energy-scale` payload, the summary's `annihilationVisibleEnergy`). */
  readonly annihilationVisibleMeV: number;
}

/** Energy range of the f comparison, MeV (default 0.5-8 MeV, the closure-tested validity range). */
export interface ClosureOptions {
  readonly minMeV?: number;
  readonly maxMeV?: number;
}

/** How far a calibration landed from the truth of its simulated sample. */
export interface NonlinearityClosure {
  /** Max |f_fit / f_true - 1| over the range (201 log-spaced energies). */
  readonly maxDeviation: number;
  /** Kinetic energies of the positron check, MeV ({@link POSITRON_CHECK_ENERGIES_MEV}). */
  readonly positronKineticMeV: readonly number[];
  /** E_rec / E_true - 1 of a positron of each energy (prompt visible energy from the truth, reconstructed with the fit). */
  readonly positronBias: readonly number[];
  /** Max |positronBias|. */
  readonly maxPositronBias: number;
}

/**
 * The closure of a simulated calibration: the fitted f against the true one over
 * `minMeV`-`maxMeV`, and mono-energetic positrons (prompt = f_true(T) T + true annihilation
 * visible energy) reconstructed with the fitted f and the measured Ge-68 peak. Closure code
 * (tests, the CLI demo) calls it with the simulation's truth; the calibration does not.
 *
 * @example
 * const { input, truth } = plugin.simulate({}, createRng(7));
 * const { details } = await calibrateNonlinearity(input, ctx, options, grid);
 * nonlinearityClosure(truth, { params: details.params, annihilationVisibleMeV: details.energyScale!.annihilationVisibleMeV }).maxDeviation; // 0.0017
 */
export function nonlinearityClosure(truth: ClosureTruth, fit: ClosureFit, options: ClosureOptions = {}): NonlinearityClosure {
  const lo = options.minMeV ?? 0.5;
  const hi = options.maxMeV ?? 8;
  if (!(lo > 0 && hi > lo)) throw new ValidationError(`closure range ${lo}-${hi} MeV: expected 0 < min < max`);
  if (truth.electronEnergyMeV.length < 2 || truth.electronEnergyMeV.length !== truth.fNonlin.length) {
    throw new ValidationError(`closure truth has ${truth.electronEnergyMeV.length} energies and ${truth.fNonlin.length} f values: expected two or more of each, as many of one as of the other`);
  }
  const fTrue = logInterpolator(truth.electronEnergyMeV, truth.fNonlin);
  let maxDeviation = 0;
  for (let k = 0; k <= 200; k++) {
    const e = lo * Math.pow(hi / lo, k / 200);
    maxDeviation = Math.max(maxDeviation, Math.abs(fNonlin(e, fit.params) / fTrue(e) - 1));
  }
  const positronBias = POSITRON_CHECK_ENERGIES_MEV.map((t) => {
    const prompt = fTrue(t) * t + truth.annihilationVisibleMeV;
    return positronKineticMeV(prompt, fit.annihilationVisibleMeV, fit.params) / t - 1;
  });
  return {
    maxDeviation,
    positronKineticMeV: POSITRON_CHECK_ENERGIES_MEV,
    positronBias,
    maxPositronBias: Math.max(...positronBias.map(Math.abs)),
  };
}

/**
 * The calibration's curves with the truth of the simulation added (the true f and its
 * deviation from the fit on the electron plot, the positron bias on the positron plot), for a
 * closure report that draws them with `nonlinearityPlots`.
 *
 * @example
 * const plots = nonlinearityPlots(closureCurves(details.curves, truth, closure));
 */
export function closureCurves(curves: NonlinearityCurves, truth: ClosureTruth, closure: NonlinearityClosure): NonlinearityCurves {
  const fTrue = logInterpolator(truth.electronEnergyMeV, truth.fNonlin);
  const e = curves.electron;
  const t = e.energyMeV.map((x) => fTrue(x));
  const bias = new Map(closure.positronKineticMeV.map((k, i) => [k, closure.positronBias[i]!]));
  return {
    ...curves,
    electron: { ...e, truth: t, truthPercent: t.map((v, i) => 100 * (v / e.fitted[i]! - 1)) },
    positron: { ...curves.positron, biasPercent: curves.positron.kineticMeV.map((k) => 100 * (bias.get(k) ?? Number.NaN)) },
  };
}
