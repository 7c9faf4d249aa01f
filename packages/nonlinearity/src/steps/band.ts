import type { Progress, RandomSource } from '@nucal/core';
import { covarianceBandRel, FIT_COVARIANCE_BAND, systematicBand } from '../band.js';
import { residualMapFunction } from '../b12-residual-map.js';
import type { GammaPoint } from '../chi2.js';
import type { ElectronGrid } from '../electron-grid.js';
import type { NonlinBand } from '../records.js';
import type { B12Spectrum } from './b12-histogram.js';
import type { CurveFit } from './fit-curve.js';
import type { NonlinearityOptions } from './options.js';

/**
 * Step 8, the systematic band at `options.bandEnergyMeV`: mock refits per correlated effect
 * and all together (quadrature with the fit covariance), or, with 0 mocks, the fit covariance
 * alone.
 *
 * @example
 * const band = nonlinearityBand(grid, gammas, b12, nominal, options, ctx.rng, ctx.progress);
 */
export function nonlinearityBand(
  grid: ElectronGrid,
  gammas: readonly GammaPoint[],
  b12: B12Spectrum | undefined,
  nominal: CurveFit,
  options: Pick<NonlinearityOptions, 'systematics' | 'bandEnergyMeV' | 'b12ResidualMap'>,
  rng: RandomSource,
  progress: Progress,
): NonlinBand {
  const energies = options.bandEnergyMeV;
  if (options.systematics.mocks > 0) {
    return systematicBand({
      grid,
      gammas,
      ...(b12 ? { b12 } : {}),
      chi2Options: nominal.chi2Options,
      nominal: { params: nominal.params, covariance: nominal.covariance },
      effects: options.systematics.effects,
      mocks: options.systematics.mocks,
      energyMeV: energies,
      b12ResidualMap: residualMapFunction(options.b12ResidualMap),
      rng,
      progress,
    });
  }
  const cov = covarianceBandRel(nominal.params, nominal.covariance, energies);
  const low = cov.map((s) => -s);
  return { energyMeV: [...energies], lowRel: low, highRel: cov, mocks: 0, effects: [{ name: FIT_COVARIANCE_BAND, lowRel: low, highRel: cov }] };
}
