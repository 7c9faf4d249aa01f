import { symmetricEigen } from './dense-matrix.js';

/** Result of {@link forcePositiveDefinite}. */
export interface ForcedPositiveDefinite {
  /** The repaired matrix (the input itself, copied, when it was already positive definite). */
  matrix: Float64Array[];
  /** Whether anything was changed. */
  forced: boolean;
  /** Fraction added to every diagonal element (MINUIT's PADD), 0 when none. */
  diagonalAdded: number;
  /** Indices of non-positive diagonal elements replaced by the fallback. */
  replacedDiagonal: number[];
}

/** MINUIT's EPSPDF: smallest eigenvalue of the correlation-scaled matrix accepted, relative to the largest. */
const EPS_PDF = 1e-6;

/**
 * Makes a symmetric matrix (a Hessian or its inverse) positive definite the way MINUIT's
 * MNPSDF does (F. James, MINUIT Reference Manual, CERN D506; Minuit2 `MnPosDef`):
 * 1. a diagonal element <= 0 is replaced by `fallbackDiagonal[i]` (the caller's guess from the
 *    step size: MINUIT uses 1 in its internal units, which would not be scale-free here);
 * 2. the matrix scaled to unit diagonal has eigenvalues p; if min p <= 1e-6 max(|max p|, 1),
 *    every diagonal element is multiplied by (1 + padd), padd = 1e-3 max p - min p, which lifts
 *    the smallest scaled eigenvalue to 1e-3 of the largest.
 * Correlations are shrunk, never signs flipped; a matrix already positive definite is unchanged.
 *
 * @example
 * forcePositiveDefinite([Float64Array.of(1, 2), Float64Array.of(2, 1)], Float64Array.of(1, 1));
 * // { matrix: [[2.003, 2], [2, 2.003]], forced: true, diagonalAdded: 1.003, replacedDiagonal: [] }
 */
export function forcePositiveDefinite(a: readonly Float64Array[], fallbackDiagonal: Float64Array): ForcedPositiveDefinite {
  const n = a.length;
  const m = a.map((row) => Float64Array.from(row));
  const replacedDiagonal: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = m[i] as Float64Array;
    const d = row[i] as number;
    if (!(d > 0) || !Number.isFinite(d)) {
      const fb = fallbackDiagonal[i] as number;
      row[i] = fb > 0 && Number.isFinite(fb) ? fb : 1;
      replacedDiagonal.push(i);
    }
  }
  const s = Float64Array.from(m, (row, i) => 1 / Math.sqrt(row[i] as number));
  const scaled = m.map((row, i) => Float64Array.from(row, (v, j) => v * (s[i] as number) * (s[j] as number)));
  const p = symmetricEigen(scaled).values;
  let pMin = Infinity;
  let pMax = -Infinity;
  for (const e of p) {
    pMin = Math.min(pMin, e);
    pMax = Math.max(pMax, e);
  }
  pMax = Math.max(Math.abs(pMax), 1);
  let diagonalAdded = 0;
  if (!(pMin > EPS_PDF * pMax)) {
    diagonalAdded = 1e-3 * pMax - pMin;
    for (let i = 0; i < n; i++) {
      const row = m[i] as Float64Array;
      row[i] = (row[i] as number) * (1 + diagonalAdded);
    }
  }
  return { matrix: m, forced: diagonalAdded > 0 || replacedDiagonal.length > 0, diagonalAdded, replacedDiagonal };
}
