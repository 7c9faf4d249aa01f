import { ValidationError } from '@nucal/core';

/**
 * The common electron kinetic-energy grid on which every quadrature of the fit runs: uniform
 * bins from 0 to `maxMeV`. The model is evaluated once per fit step on the bin centres and
 * every gamma prediction and the B-12 fold reuse those values (a dot product each).
 */
export interface ElectronGrid {
  readonly binWidthMeV: number;
  /** Bin edges, length n + 1, MeV. */
  readonly edgesMeV: Float64Array;
  /** Bin centres, length n, MeV. */
  readonly centresMeV: Float64Array;
}

/**
 * Builds a uniform electron-energy grid.
 *
 * @example
 * const grid = electronGrid(13.5, 0.005); // 2700 bins of 5 keV
 */
export function electronGrid(maxMeV = 13.5, binWidthMeV = 0.005): ElectronGrid {
  if (!(maxMeV > 0) || !(binWidthMeV > 0) || binWidthMeV > maxMeV) {
    throw new ValidationError(`electron grid max ${maxMeV} MeV, bin ${binWidthMeV} MeV is invalid: expected 0 < bin <= max`);
  }
  const n = Math.round(maxMeV / binWidthMeV);
  const edgesMeV = new Float64Array(n + 1);
  const centresMeV = new Float64Array(n);
  for (let i = 0; i <= n; i++) edgesMeV[i] = i * binWidthMeV;
  for (let i = 0; i < n; i++) centresMeV[i] = (i + 0.5) * binWidthMeV;
  return { binWidthMeV, edgesMeV, centresMeV };
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
  const out = new Float64Array(grid.centresMeV.length);
  const h = grid.binWidthMeV;
  const nOut = out.length;
  for (let i = 0; i < densityPerMeV.length; i++) {
    const d = densityPerMeV[i]!;
    if (d === 0) continue;
    if (!(d >= 0) || !Number.isFinite(d)) throw new ValidationError(`density ${d} at index ${i} is invalid: expected a finite value >= 0`);
    const a = edgesMeV[i]!;
    const b = edgesMeV[i + 1]!;
    let k = Math.max(0, Math.floor(a / h));
    const kEnd = Math.min(nOut - 1, Math.floor(b / h));
    if (a >= nOut * h) continue;
    for (; k <= kEnd; k++) {
      const lo = Math.max(a, k * h);
      const hi = Math.min(b, (k + 1) * h);
      if (hi > lo) out[k]! += d * (hi - lo);
    }
  }
  return out;
}
