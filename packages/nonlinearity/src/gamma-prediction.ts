import { ValidationError } from '@nucal/core';
import { edgesFromCentres, rebinDensity, type ElectronGrid } from './electron-grid.js';

/**
 * Secondary-electron energy density of one gamma line: dN/dE_e per absorbed gamma, per MeV,
 * tabulated at bin centres (as returned by `@nucal/optics` `secondaryElectronDensity`).
 */
export interface SecondaryDensity {
  readonly energyMeV: ArrayLike<number>;
  readonly density: ArrayLike<number>;
}

/** One gamma line of a source with its P(E_e). */
export interface GammaLine {
  readonly energyMeV: number;
  readonly secondaries: SecondaryDensity;
}

/**
 * A gamma source prepared for the fit: quadrature weights on the electron grid such that the
 * predicted visible energy is the dot product `sum_k weights[k] g(E_k)`, g = f E.
 * Built once per source; the fit's inner loop never touches P(E_e) again.
 */
export interface GammaKernel {
  readonly id: string;
  /** Total true gamma energy of the full-absorption peak (sum of the lines), MeV. */
  readonly energyMeV: number;
  /** Weights on the grid, truncated after the last non-zero bin. */
  readonly weights: Float64Array;
  /** Normalisation I = E_gamma / int P(E_e) E_e dE_e per line (branch-major order). */
  readonly normalisations: readonly number[];
}

/**
 * Builds the kernel of a source whose full-absorption peak contains all `lines` together
 * (Co-60: 1.173 + 1.333; Ge-68: 2 x 0.511). `branches` lets a peak be a mixture of cascades
 * with the same total energy (n-C12: 4.94, or 3.68 + 1.26), weighted by branching ratio.
 *
 * E_vis = sum_lines I_l int P_l(E) f(E) E dE, I_l = E_l / int P_l(E) E dE
 * (JUNO calibration strategy, JHEP 03 (2021) 004, eq. 4.2).
 *
 * @example
 * const k = gammaKernel('Cs-137', [{ fraction: 1, lines: [{ energyMeV: 0.662, secondaries }] }], grid);
 */
export function gammaKernel(
  id: string,
  branches: readonly { fraction: number; lines: readonly GammaLine[] }[],
  grid: ElectronGrid,
): GammaKernel {
  if (branches.length === 0) throw new ValidationError(`source ${id} has no gamma branch: expected at least one`);
  const fSum = branches.reduce((s, b) => s + b.fraction, 0);
  if (!(Math.abs(fSum - 1) < 1e-6)) throw new ValidationError(`source ${id} branch fractions sum to ${fSum}: expected 1`);
  const n = grid.centresMeV.length;
  const w = new Float64Array(n);
  const normalisations: number[] = [];
  let energyMeV = NaN;
  for (const b of branches) {
    if (b.lines.length === 0) throw new ValidationError(`source ${id} has a branch without lines: expected at least one gamma`);
    const eb = b.lines.reduce((s, l) => s + l.energyMeV, 0);
    if (Number.isNaN(energyMeV)) energyMeV = eb;
    else if (Math.abs(eb - energyMeV) > 1e-3) {
      throw new ValidationError(`source ${id} branches have total energies ${energyMeV} and ${eb} MeV: expected the same peak energy`);
    }
    for (const line of b.lines) {
      const contents = rebinDensity(edgesFromCentres(line.secondaries.energyMeV), line.secondaries.density, grid);
      let depositedMeV = 0;
      for (let k = 0; k < n; k++) depositedMeV += contents[k]! * grid.centresMeV[k]!;
      if (!(depositedMeV > 0)) throw new ValidationError(`P(E_e) of the ${line.energyMeV} MeV line of ${id} is empty: expected a positive density`);
      const norm = line.energyMeV / depositedMeV;
      normalisations.push(norm);
      for (let k = 0; k < n; k++) w[k]! += b.fraction * norm * contents[k]!;
    }
  }
  let last = n - 1;
  while (last > 0 && w[last] === 0) last--;
  return { id, energyMeV, weights: w.slice(0, last + 1), normalisations };
}

/**
 * Predicted visible energy (MeV) of a kernel given g(E_k) = f(E_k) E_k on the grid.
 *
 * @example
 * const evis = predictGammaVisibleMeV(kernel, electronVisibleInto(grid.centresMeV, p, buf));
 */
export function predictGammaVisibleMeV(kernel: GammaKernel, gOnGrid: Float64Array): number {
  const w = kernel.weights;
  let s = 0;
  for (let k = 0; k < w.length; k++) s += w[k]! * gOnGrid[k]!;
  return s;
}
