import type { GammaPoint } from '../chi2.js';
import type { ElectronGrid } from '../electron-grid.js';
import { sourceKernel } from '../source-kernel.js';
import { withUncorrelatedErrors } from '../uncorrelated-errors.js';
import type { NonlinearityOptions } from './options.js';
import type { VisiblePeak } from './visible-peaks.js';

/** A measured source peak in visible energy, with how it was obtained and its sigma_i. */
export interface MeasuredPeak extends VisiblePeak {
  /** sigma_i of the fit: the statistical error and the source's uncorrelated systematics in quadrature, MeV. */
  readonly sigmaMeV: number;
}

/**
 * Step 5, the gamma points of the chi2: each peak with its prediction kernel and
 * sigma_i = statistical (+) the source's uncorrelated systematics (PHYSICS.md 1.2).
 *
 * @example
 * const { gammas, peaks } = gammaFitInputs(visible, grid, options);
 */
export function gammaFitInputs(
  visible: readonly VisiblePeak[],
  grid: ElectronGrid,
  options: Pick<NonlinearityOptions, 'secondaries' | 'systematics'>,
): { gammas: GammaPoint[]; peaks: MeasuredPeak[] } {
  const gammas = withUncorrelatedErrors(
    visible.map((p) => ({ kernel: sourceKernel(p.source, grid, options.secondaries), measuredMeV: p.visibleMeV, errorMeV: p.visibleErrMeV })),
    options.systematics.effects,
  );
  return { gammas, peaks: visible.map((p, i) => ({ ...p, sigmaMeV: gammas[i]!.errorMeV })) };
}
