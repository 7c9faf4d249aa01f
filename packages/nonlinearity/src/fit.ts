import { FitError } from '@nucal/core';
import { minimize, type FitResult } from '@nucal/numeric';
import type { GammaPoint, NonlinChi2 } from './chi2.js';
import type { ElectronGrid } from './electron-grid.js';
import { NONLIN_PARAMETERS, type NonlinParams } from './model.js';
import { startValues } from './start-values.js';

/** Fit parameter names: p0..p3 and, when floated, the B-12 normalisation `norm`. */
export type NonlinFitParameter = 'p0' | 'p1' | 'p2' | 'p3' | 'norm';

/** Options of {@link fitNonlinearity}. */
export interface NonlinFitOptions {
  /** Starting point; by default a (p1, p2) scan with linear (p0, p3) (see `startValues`). */
  readonly start?: NonlinParams;
  /** Float the B-12 normalisation (must match how the chi2 was built). */
  readonly floatNormalisation?: boolean;
  /**
   * Minimiser tolerance on the estimated distance to minimum (default 1e-3, tighter than the
   * minimiser's 0.1: p1 and p3 are ~99% correlated, and the Hessian covariance taken where a
   * looser fit stops is up to 10% off in p0).
   */
  readonly tolerance?: number;
}

/** A non-linearity fit: the minimiser's result and the fitted parameters as a model object. */
export interface NonlinFit {
  readonly result: FitResult<NonlinFitParameter>;
  readonly params: NonlinParams;
  /** B-12 normalisation factor (1 when not floated). */
  readonly norm: number;
}

/**
 * Minimises the gamma + B-12 chi2 over p0..p3 (and `norm` if floated) with `@nucal/numeric`'s
 * `minimize` (errorDef 1, Hessian covariance). ndof = points - free parameters - 1 when the
 * B-12 prediction is normalised to the data.
 *
 * @example
 * const fit = fitNonlinearity(grid, gammaPoints, nonlinearityChi2(grid, gammaPoints, b12));
 * fit.result.values.p0; fit.result.errors.p0; fit.result.covariance;
 */
export function fitNonlinearity(grid: ElectronGrid, gammas: readonly GammaPoint[], chi2: NonlinChi2, options: NonlinFitOptions = {}): NonlinFit {
  const start = options.start ?? startValues(grid, gammas, chi2);
  const floatNorm = options.floatNormalisation === true;
  const parameters = [
    { name: 'p0' as const, start: start.p0, step: Math.max(1e-3, 0.01 * Math.abs(start.p0)) },
    { name: 'p1' as const, start: start.p1, step: Math.max(1e-3, 0.05 * Math.abs(start.p1)) },
    { name: 'p2' as const, start: start.p2, step: Math.max(1e-2, 0.05 * Math.abs(start.p2)) },
    { name: 'p3' as const, start: start.p3, step: Math.max(1e-4, 0.05 * Math.abs(start.p3)) },
    { name: 'norm' as const, start: 1, step: 0.01, fixed: !floatNorm },
  ];
  const result = minimize<NonlinFitParameter>(
    (v) => chi2.evaluate({ p0: v.p0, p1: v.p1, p2: v.p2, p3: v.p3 }, v.norm),
    parameters,
    { errorDef: 1, nData: chi2.nData - chi2.constraintsFromNormalisation, tolerance: options.tolerance ?? 1e-3 },
  );
  const params: NonlinParams = { p0: result.values.p0, p1: result.values.p1, p2: result.values.p2, p3: result.values.p3 };
  for (const n of NONLIN_PARAMETERS) {
    if (!Number.isFinite(params[n])) throw new FitError(`non-linearity fit returned ${n} = ${params[n]}: expected a finite value (${result.message})`);
  }
  return { result, params, norm: result.values.norm };
}
