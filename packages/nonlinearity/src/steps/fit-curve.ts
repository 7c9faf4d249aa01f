import { FitError, type Logger } from '@nucal/core';
import { nonlinearityChi2, type Chi2Options, type GammaPoint, type NonlinChi2 } from '../chi2.js';
import type { ElectronGrid } from '../electron-grid.js';
import { fitNonlinearity, type NonlinFit } from '../fit.js';
import type { NonlinParams } from '../model.js';
import type { B12Spectrum } from './b12-histogram.js';
import type { NonlinearityOptions } from './options.js';

/** The nominal fit with what later steps need of it. */
export interface CurveFit {
  readonly chi2: NonlinChi2;
  readonly chi2Options: Chi2Options;
  readonly fit: NonlinFit;
  readonly params: NonlinParams;
  /** 4x4 covariance of p0..p3 (the B-12 normalisation, if floated, left out). */
  readonly covariance: number[][];
}

/**
 * Step 7, the fit: chi2 of the gamma points and the B-12 spectrum (PHYSICS.md 1.4) minimised
 * over p0..p3 from the scanned start (see `fitNonlinearity`).
 *
 * @example
 * const nominal = fitCurve(grid, gammas, b12, options, ctx.logger);
 */
export function fitCurve(
  grid: ElectronGrid,
  gammas: readonly GammaPoint[],
  b12: B12Spectrum | undefined,
  options: Pick<NonlinearityOptions, 'statistic' | 'floatNormalisation'>,
  log: Logger,
): CurveFit {
  const chi2Options: Chi2Options = { statistic: options.statistic, floatNormalisation: options.floatNormalisation };
  const chi2 = nonlinearityChi2(grid, gammas, b12, chi2Options);
  const fit = fitNonlinearity(grid, gammas, chi2, { floatNormalisation: options.floatNormalisation });
  if (!fit.result.valid) log.warn(`non-linearity fit is not valid: ${fit.result.message}`);
  if (!Number.isFinite(fit.result.chi2)) throw new FitError('non-linearity fit returned a non-finite chi2');
  const covariance = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => fit.result.covariance[i]![j]!));
  log.info(`non-linearity fit: chi2/ndof = ${fit.result.chi2.toFixed(1)}/${fit.result.ndof}, valid ${fit.result.valid}`);
  return { chi2, chi2Options, fit, params: fit.params, covariance };
}
