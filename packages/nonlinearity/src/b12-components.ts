import { b12Spectrum } from '@nucal/sources';
import { b12Folder, type B12Binning, type B12Folder, type BetaComponent } from './b12-prediction.js';
import type { ElectronGrid } from './electron-grid.js';
import { gammaKernel } from './gamma-prediction.js';
import type { ResolutionModel } from './resolution.js';
import { cachedSecondaryDensity, type SecondariesOptions } from './secondaries.js';

/**
 * The B-12 folder of the calibration: the `@nucal/sources` B-12 spectrum with its N-12
 * admixture; gammas released with a beta (the N-12 annihilation pair, the 4.44 MeV line of an
 * excited branch) enter through their own kernels, so their visible energy follows the
 * fitted f too. The alphas of the Hoyle-state branches are not modelled (off by default in
 * `b12Spectrum`).
 *
 * @example
 * const folder = b12FolderFromSources(grid, secondaries, { aPercent: 3, bPercent: 0, cPercent: 0 }, {}, 0.03);
 */
export function b12FolderFromSources(
  grid: ElectronGrid,
  secondaries: SecondariesOptions,
  resolution: ResolutionModel,
  binning: Partial<B12Binning>,
  n12Fraction: number,
): B12Folder {
  const mix = b12Spectrum({ n12Fraction });
  const components: BetaComponent[] = mix.components.map((c) => ({
    label: c.label,
    fraction: c.weight,
    kineticEnergyMeV: mix.kineticEnergyMeV,
    density: c.density,
    addedKernels:
      c.gammasMeV.length === 0
        ? []
        : [
            gammaKernel(
              `${c.label} gammas`,
              [{ fraction: 1, lines: c.gammasMeV.map((e) => ({ energyMeV: e, secondaries: cachedSecondaryDensity(e, secondaries) })) }],
              grid,
            ),
          ],
  }));
  return b12Folder(components, grid, resolution, binning);
}
