import { ValidationError } from '@nucal/core';

/**
 * The common electron kinetic-energy grid on which every quadrature of the fit runs. The
 * model is evaluated once per fit step on the bin centres and every gamma prediction and
 * the B-12 fold reuse those values (a dot product each). Bins are fine at low energy, where
 * the secondary-electron density of gammas is steep (Compton electrons of the last
 * scatters, photo-electrons), and coarser above.
 */
export interface ElectronGrid {
  /** Bin edges, length n + 1, MeV, increasing from 0. */
  readonly edgesMeV: Float64Array;
  /** Bin centres, length n, MeV. */
  readonly centresMeV: Float64Array;
  /** Runs of equal-width bins (first bin index, count, first centre, width in MeV). */
  readonly segments: readonly { readonly first: number; readonly count: number; readonly centre0MeV: number; readonly widthMeV: number }[];
}

/** Options of {@link electronGrid}. */
export interface ElectronGridOptions {
  /** Upper end, MeV (default 13.5, above the B-12 endpoint 13.37 MeV). */
  readonly maxMeV?: number;
  /** Bin width above `fineBelowMeV`, MeV (default 5 keV). */
  readonly binWidthMeV?: number;
  /** Fine bins below this energy, MeV (default 0.2). */
  readonly fineBelowMeV?: number;
  /** Fine bin width, MeV (default 1 keV). */
  readonly fineBinWidthMeV?: number;
}

/**
 * Builds the electron-energy grid: `fineBinWidthMeV` bins up to `fineBelowMeV`, then
 * `binWidthMeV` bins up to `maxMeV`.
 *
 * @example
 * const grid = electronGrid(); // 200 bins of 1 keV, then 2660 bins of 5 keV to 13.5 MeV
 */
export function electronGrid(options: ElectronGridOptions = {}): ElectronGrid {
  const maxMeV = options.maxMeV ?? 13.5;
  const h = options.binWidthMeV ?? 0.005;
  const fineBelow = Math.min(options.fineBelowMeV ?? 0.2, maxMeV);
  const hf = options.fineBinWidthMeV ?? 0.001;
  if (!(maxMeV > 0) || !(h > 0) || !(hf > 0) || !(fineBelow >= 0) || h > maxMeV) {
    throw new ValidationError(`electron grid max ${maxMeV} MeV, bins ${hf}/${h} MeV is invalid: expected positive widths below the maximum`);
  }
  const edges: number[] = [0];
  const nFine = Math.round(fineBelow / hf);
  for (let i = 1; i <= nFine; i++) edges.push(i * hf);
  const start = edges[edges.length - 1]!;
  const nCoarse = Math.max(1, Math.round((maxMeV - start) / h));
  for (let i = 1; i <= nCoarse; i++) edges.push(start + i * h);
  const edgesMeV = Float64Array.from(edges);
  const centresMeV = Float64Array.from({ length: edges.length - 1 }, (_, i) => 0.5 * (edges[i]! + edges[i + 1]!));
  const segments = [
    ...(nFine > 0 ? [{ first: 0, count: nFine, centre0MeV: 0.5 * hf, widthMeV: hf }] : []),
    { first: nFine, count: nCoarse, centre0MeV: start + 0.5 * h, widthMeV: h },
  ];
  return { edgesMeV, centresMeV, segments };
}

/**
 * Bin edges of a table given by bin centres (the midpoints between centres, the outer edges
 * mirrored), MeV. A table starting at its first centre c0 with spacing h gets edge c0 - h/2.
 */
export function edgesFromCentres(centresMeV: ArrayLike<number>): Float64Array {
  const n = centresMeV.length;
  if (n < 2) throw new ValidationError(`table with ${n} points is too short: expected at least 2 bin centres`);
  const e = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) e[i] = 0.5 * (centresMeV[i - 1]! + centresMeV[i]!);
  e[0] = Math.max(0, centresMeV[0]! - (e[1]! - centresMeV[0]!));
  e[n] = centresMeV[n - 1]! + (centresMeV[n - 1]! - e[n - 1]!);
  for (let i = 0; i < n; i++) {
    if (!(e[i + 1]! > e[i]!)) throw new ValidationError(`table energies are not increasing at index ${i}: expected strictly increasing bin centres`);
  }
  return e;
}

/** Index of the bin of `edges` containing x (clamped to [0, n - 1]). */
function locate(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Content of a piecewise-constant density (per MeV) in each bin of `grid` (exact overlap
 * integration, so the total is conserved). Input bins are given by their edges.
 *
 * @example
 * const contents = rebinDensity(edgesFromCentres(p.energyMeV), p.density, grid);
 */
export function rebinDensity(edgesMeV: ArrayLike<number>, densityPerMeV: ArrayLike<number>, grid: ElectronGrid): Float64Array {
  if (edgesMeV.length !== densityPerMeV.length + 1) {
    throw new ValidationError(`density table has ${densityPerMeV.length} values for ${edgesMeV.length} edges: expected edges = values + 1`);
  }
  const ge = grid.edgesMeV;
  const nOut = ge.length - 1;
  const out = new Float64Array(nOut);
  const top = ge[nOut]!;
  for (let i = 0; i < densityPerMeV.length; i++) {
    const d = densityPerMeV[i]!;
    if (d === 0) continue;
    if (!(d >= 0) || !Number.isFinite(d)) throw new ValidationError(`density ${d} at index ${i} is invalid: expected a finite value >= 0`);
    const a = edgesMeV[i]!;
    const b = Math.min(edgesMeV[i + 1]!, top);
    if (a >= top) continue;
    for (let k = locate(ge, a); k < nOut && ge[k]! < b; k++) {
      const lo = Math.max(a, ge[k]!);
      const hi = Math.min(b, ge[k + 1]!);
      if (hi > lo) out[k]! += d * (hi - lo);
    }
  }
  return out;
}
