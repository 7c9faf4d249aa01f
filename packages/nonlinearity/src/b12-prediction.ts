import { z } from 'zod';
import { ValidationError } from '@nucal/core';
import { normalCdf } from '@nucal/numeric';
import { edgesFromCentres, rebinDensity, type ElectronGrid } from './electron-grid.js';
import { predictGammaVisibleMeV, type GammaKernel } from './gamma-prediction.js';
import { resolutionSigmaMeV, type ResolutionModel } from './resolution.js';

/** Visible-energy binning of the B-12 spectrum (PHYSICS.md 1.2: 3-12 MeV in 90 bins). */
export const B12Binning = z.object({
  loMeV: z.number().nonnegative().default(3),
  hiMeV: z.number().positive().default(12),
  bins: z.number().int().positive().default(90),
});
export type B12Binning = z.infer<typeof B12Binning>;

/**
 * One beta component of the cosmogenic spectrum: a kinetic-energy density and the gamma
 * kernels whose visible energy adds to every decay (N-12: the two annihilation gammas).
 */
export interface BetaComponent {
  readonly label: string;
  /** Share of the decays, summing to 1 over components. */
  readonly fraction: number;
  readonly kineticEnergyMeV: ArrayLike<number>;
  readonly density: ArrayLike<number>;
  readonly addedKernels?: readonly GammaKernel[];
}

/**
 * Precomputed B-12 folding: beta spectra rebinned on the electron grid and a banded
 * resolution matrix from a fine visible-energy grid to the measurement bins. A prediction
 * is then one pass over the grid (E_vis = g(T) + added gammas, deposited on the fine grid)
 * and one banded matrix product; nothing depends on the parameters but g.
 */
export interface B12Folder {
  readonly binning: B12Binning;
  /** Predicted shape (sum 1 over all decays, not only those inside the window) into `out`. */
  predictShape(gOnGrid: Float64Array, out: Float64Array): Float64Array;
  /** Bin edges of the measurement, MeV. */
  readonly edgesMeV: Float64Array;
}

/**
 * Builds the folder for the components, the electron grid and a resolution model.
 *
 * @example
 * const folder = b12Folder([{ label: 'B-12', fraction: 1, ...b12Spectrum() }], grid, { aPercent: 3, bPercent: 0, cPercent: 0 });
 * const shape = folder.predictShape(g, new Float64Array(90));
 */
export function b12Folder(
  components: readonly BetaComponent[],
  grid: ElectronGrid,
  resolution: ResolutionModel,
  binningIn: Partial<B12Binning> = {},
  fineBinMeV = 0.01,
): B12Folder {
  const binning = B12Binning.parse(binningIn);
  if (!(binning.hiMeV > binning.loMeV)) throw new ValidationError(`B-12 window ${binning.loMeV}-${binning.hiMeV} MeV is empty: expected hi > lo`);
  const fSum = components.reduce((s, c) => s + c.fraction, 0);
  if (components.length === 0 || Math.abs(fSum - 1) > 1e-6) {
    throw new ValidationError(`beta component fractions sum to ${fSum}: expected at least one component and a sum of 1`);
  }
  const nBins = binning.bins;
  const width = (binning.hiMeV - binning.loMeV) / nBins;
  const edgesMeV = new Float64Array(nBins + 1);
  for (let j = 0; j <= nBins; j++) edgesMeV[j] = binning.loMeV + j * width;

  // Fine visible grid wide enough for 6 sigma around the window.
  const fineLo = Math.max(0, binning.loMeV - 6 * resolutionSigmaMeV(binning.loMeV, resolution) - fineBinMeV);
  const fineHi = binning.hiMeV + 6 * resolutionSigmaMeV(binning.hiMeV, resolution) + fineBinMeV;
  const nFine = Math.ceil((fineHi - fineLo) / fineBinMeV);
  // Banded smearing matrix: fine bin m spreads into bins [start[m], start[m] + len[m]).
  const start = new Int32Array(nFine);
  const len = new Int32Array(nFine);
  const values: number[] = [];
  const offset = new Int32Array(nFine);
  for (let m = 0; m < nFine; m++) {
    const e = fineLo + (m + 0.5) * fineBinMeV;
    // the cloud-in-cell deposit smooths with a triangle of variance h^2/6: take it back here
    const s = Math.sqrt(Math.max(resolutionSigmaMeV(e, resolution) ** 2 - (fineBinMeV * fineBinMeV) / 6, 1e-12));
    const j0 = Math.max(0, Math.floor((e - 7 * s - binning.loMeV) / width));
    const j1 = Math.min(nBins - 1, Math.floor((e + 7 * s - binning.loMeV) / width));
    start[m] = j0;
    offset[m] = values.length;
    if (j1 < j0) continue;
    len[m] = j1 - j0 + 1;
    for (let j = j0; j <= j1; j++) values.push(normalCdf((edgesMeV[j + 1]! - e) / s) - normalCdf((edgesMeV[j]! - e) / s));
  }
  const matrix = Float64Array.from(values);

  const comps = components.map((c) => {
    const contents = rebinDensity(edgesFromCentres(c.kineticEnergyMeV), c.density, grid);
    let total = 0;
    for (let k = 0; k < contents.length; k++) total += contents[k]!;
    if (!(total > 0)) throw new ValidationError(`beta component ${c.label} has an empty spectrum: expected a positive density`);
    // kinetic bins that cannot reach the fine grid even with f = 1.25 and the added gammas
    // at 1.25 times their energy are skipped (f of an LS stays within 0.5-1.2)
    const addedMaxMeV = 1.25 * (c.addedKernels ?? []).reduce((s, k) => s + k.energyMeV, 0);
    const tMin = Math.max(0, (fineLo - addedMaxMeV) / 1.25);
    let first = 0;
    while (first < contents.length && (contents[first] === 0 || grid.edgesMeV[first + 1]! < tMin)) first++;
    let last = contents.length - 1;
    while (last > first && contents[last] === 0) last--;
    const w = new Float64Array(last - first + 1);
    for (let k = first; k <= last; k++) w[k - first] = (c.fraction * contents[k]!) / total;
    return { first, w, added: c.addedKernels ?? [] };
  });

  const fine = new Float64Array(nFine);
  const invFine = 1 / fineBinMeV;
  return {
    binning,
    edgesMeV,
    predictShape(g: Float64Array, out: Float64Array): Float64Array {
      fine.fill(0);
      for (const c of comps) {
        let shift = 0;
        for (const k of c.added) shift += predictGammaVisibleMeV(k, g);
        const w = c.w;
        // cloud-in-cell deposit of each kinetic bin at its visible energy
        for (let i = 0; i < w.length; i++) {
          const x = (g[c.first + i]! + shift - fineLo) * invFine - 0.5;
          if (x < 0 || x >= nFine - 1) continue;
          const m = Math.floor(x);
          const t = x - m;
          fine[m]! += w[i]! * (1 - t);
          fine[m + 1]! += w[i]! * t;
        }
      }
      out.fill(0);
      for (let m = 0; m < nFine; m++) {
        const v = fine[m]!;
        if (v === 0) continue;
        const o = offset[m]!;
        const j0 = start[m]!;
        const l = len[m]!;
        for (let q = 0; q < l; q++) out[j0 + q]! += v * matrix[o + q]!;
      }
      return out;
    },
  };
}
