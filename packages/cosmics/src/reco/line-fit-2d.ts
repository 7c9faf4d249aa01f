import type { RandomSource } from '@nucal/core';
import { sortedOrder } from './sorted-order.js';

/** A straight line fitted to points of one view: centroid, unit direction, the inliers and their extent along the line. */
export interface Line2D {
  /** Centroid of the inliers. */
  readonly cx: number;
  readonly cy: number;
  /** Unit direction (ux >= 0, or uy > 0 when ux = 0). */
  readonly ux: number;
  readonly uy: number;
  /** Inlier point indices, ordered along the direction. */
  readonly inliers: Int32Array;
  /** Projections of the ordered inliers on the direction, relative to the centroid, cm. */
  readonly s: Float64Array;
  /** Rms perpendicular distance of the inliers, cm. */
  readonly rms: number;
}

/** Options of {@link fitLine2D}. */
export interface LineFitOptions {
  /** Largest perpendicular distance of an inlier, cm (default 1.2). */
  readonly toleranceCm?: number;
  /** RANSAC trials when the first total-least-squares fit leaves outliers (default 40). */
  readonly trials?: number;
  /** Largest gap between consecutive inliers along the line, cm; the longest gap-free run is kept (default 12). */
  readonly maxGapCm?: number;
  /** Fewest inliers of a line (default 6). */
  readonly minInliers?: number;
}

/** Total-least-squares (principal axis) line of the points `idx`: centroid and unit direction. */
function principalAxis(x: Float64Array, y: Float64Array, idx: ArrayLike<number>, n: number): { cx: number; cy: number; ux: number; uy: number } {
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < n; k++) {
    sx += x[idx[k]!]!;
    sy += y[idx[k]!]!;
  }
  const cx = sx / n;
  const cy = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    const dx = x[idx[k]!]! - cx;
    const dy = y[idx[k]!]! - cy;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Direction of the larger eigenvalue of [[sxx, sxy], [sxy, syy]].
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  let ux = Math.cos(theta);
  let uy = Math.sin(theta);
  if (ux < 0 || (ux === 0 && uy < 0)) {
    ux = -ux;
    uy = -uy;
  }
  return { cx, cy, ux, uy };
}

/** Indices of `idx` within `tol` of the line through (cx, cy) along (ux, uy). */
function within(x: Float64Array, y: Float64Array, idx: Int32Array, l: { cx: number; cy: number; ux: number; uy: number }, tol: number, out: Int32Array): number {
  let m = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const d = (x[i]! - l.cx) * l.uy - (y[i]! - l.cy) * l.ux;
    if (d <= tol && d >= -tol) out[m++] = i;
  }
  return m;
}

/**
 * Robust straight-line fit of the points `idx` (coordinates in cm in both axes): a total
 * least-squares fit of all points; if some lie farther than the tolerance, RANSAC (random
 * pairs, the line with most points within tolerance) from `rng`; then total least squares on
 * the inliers, repeated once with the inliers of the refit; finally only the longest run of
 * inliers without a gap above `maxGapCm` along the line is kept (a separate piece, e.g. a
 * noise hit far along the line, is dropped). Null with fewer than `minInliers` inliers.
 *
 * @example const line = fitLine2D(x, y, Int32Array.from([0, 1, 2, 3, 4, 5]), createRng('fit'));
 */
export function fitLine2D(x: Float64Array, y: Float64Array, idx: Int32Array, rng: RandomSource, options: LineFitOptions = {}): Line2D | null {
  const tol = options.toleranceCm ?? 1.2;
  const trials = options.trials ?? 40;
  const maxGap = options.maxGapCm ?? 12;
  const minInliers = options.minInliers ?? 6;
  const n = idx.length;
  if (n < Math.max(2, minInliers)) return null;
  const buf = new Int32Array(n);
  let line = principalAxis(x, y, idx, n);
  let m = within(x, y, idx, line, tol, buf);
  if (m < n) {
    let best = m;
    let bestLine = line;
    // RANSAC on at most 300 points (evenly strided) to bound the cost of long tracks.
    const stride = Math.max(1, Math.floor(n / 300));
    const sub = new Int32Array(Math.ceil(n / stride));
    for (let k = 0, j = 0; k < n; k += stride) sub[j++] = idx[k]!;
    const subBuf = new Int32Array(sub.length);
    let bestSub = 0;
    for (let t = 0; t < trials; t++) {
      const a = sub[Math.floor(rng.uniform() * sub.length)]!;
      const b = sub[Math.floor(rng.uniform() * sub.length)]!;
      const dx = x[b]! - x[a]!;
      const dy = y[b]! - y[a]!;
      const len = Math.hypot(dx, dy);
      if (!(len > 0)) continue;
      const cand = { cx: x[a]!, cy: y[a]!, ux: dx / len, uy: dy / len };
      const c = within(x, y, sub, cand, tol, subBuf);
      if (c > bestSub) {
        bestSub = c;
        bestLine = cand;
      }
    }
    const mb = within(x, y, idx, bestLine, tol, buf);
    if (mb > best) {
      best = mb;
      line = bestLine;
    }
    m = within(x, y, idx, line, tol, buf);
  }
  for (let pass = 0; pass < 2 && m >= 2; pass++) {
    line = principalAxis(x, y, buf, m);
    m = within(x, y, idx, line, tol, buf);
  }
  if (m < minInliers) return null;
  // Order the inliers along the line and keep the longest gap-free run.
  const proj = new Float64Array(m);
  for (let k = 0; k < m; k++) proj[k] = (x[buf[k]!]! - line.cx) * line.ux + (y[buf[k]!]! - line.cy) * line.uy;
  const order = sortedOrder(proj, m);
  let bestStart = 0;
  let bestLen = 1;
  let start = 0;
  for (let k = 1; k <= m; k++) {
    if (k === m || proj[order[k]!]! - proj[order[k - 1]!]! > maxGap) {
      if (k - start > bestLen) {
        bestLen = k - start;
        bestStart = start;
      }
      start = k;
    }
  }
  if (bestLen < minInliers) return null;
  const inl = new Int32Array(bestLen);
  for (let k = 0; k < bestLen; k++) inl[k] = buf[order[bestStart + k]!]!;
  const fin = bestLen < m ? principalAxis(x, y, inl, bestLen) : line;
  const along = new Float64Array(bestLen);
  let ss = 0;
  for (let k = 0; k < bestLen; k++) {
    const i = inl[k]!;
    along[k] = (x[i]! - fin.cx) * fin.ux + (y[i]! - fin.cy) * fin.uy;
    const d = (x[i]! - fin.cx) * fin.uy - (y[i]! - fin.cy) * fin.ux;
    ss += d * d;
  }
  let sorted = true;
  for (let k = 1; k < bestLen && sorted; k++) sorted = along[k]! >= along[k - 1]!;
  if (sorted) return { ...fin, inliers: inl, s: along, rms: Math.sqrt(ss / bestLen) };
  const ord = sortedOrder(along, bestLen);
  return {
    ...fin,
    inliers: Int32Array.from(ord, (k) => inl[k]!),
    s: Float64Array.from(ord, (k) => along[k]!),
    rms: Math.sqrt(ss / bestLen),
  };
}
