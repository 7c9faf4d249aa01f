import { ValidationError } from '@nucal/core';
import type { Axis } from './axis.js';
import { indexInto } from './axis-index.js';

/**
 * The values of the entries in each bin of `axis` (by their coordinate `xs`), in input order:
 * one counting sort, the bins are views into one buffer. For estimators a histogram cannot
 * keep: truncated means, medians or Landau MPV fits per drift-time bin. Entries outside the
 * axis or with a NaN coordinate are dropped.
 *
 * @example
 * const perBin = splitByBin(regularAxis(20, 0, 2500), driftTimesUs, dqdx);
 * perBin.map((v) => truncatedMean(v, 0.05, 0.4).mean);
 */
export function splitByBin(axis: Axis, xs: ArrayLike<number>, values: ArrayLike<number>): Float64Array[] {
  const n = xs.length;
  if (values.length !== n) throw new ValidationError(`splitByBin: ${n} coordinates and ${values.length} values; expected equal lengths`);
  const bins = axis.bins;
  const idx = new Int32Array(n);
  indexInto(axis, xs, 0, n, idx);
  const start = new Int32Array(bins + 1);
  for (let i = 0; i < n; i++) {
    const b = idx[i] as number;
    if (b >= 0 && b < bins) start[b + 1] = (start[b + 1] as number) + 1;
  }
  for (let b = 0; b < bins; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const buffer = new Float64Array(start[bins] as number);
  const next = start.slice(0, bins);
  for (let i = 0; i < n; i++) {
    const b = idx[i] as number;
    if (b >= 0 && b < bins) {
      const at = next[b] as number;
      buffer[at] = values[i] as number;
      next[b] = at + 1;
    }
  }
  return Array.from({ length: bins }, (_, b) => buffer.subarray(start[b] as number, start[b + 1] as number));
}
