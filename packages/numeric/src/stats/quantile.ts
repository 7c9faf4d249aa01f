import { ValidationError } from '@nucal/core';
import type { Values } from './moments.js';

/** Sorted copy as a Float64Array (NaN rejected). */
export function sortedCopy(what: string, values: Values): Float64Array {
  if (values.length === 0) throw new ValidationError(`${what}: no values; expected at least 1`);
  const s = Float64Array.from(values);
  for (let i = 0; i < s.length; i++) if (Number.isNaN(s[i] as number)) throw new ValidationError(`${what}: value ${i} is NaN`);
  return s.sort();
}

function checkQ(what: string, q: number): void {
  if (!(q >= 0 && q <= 1)) throw new ValidationError(`${what}: q = ${q}; expected a number in [0, 1]`);
}

/**
 * Quantile q in [0, 1] of values already sorted ascending (no copy, no sort, no NaN check), with
 * the interpolation of {@link quantile}: for several quantiles of one sample, sort it once.
 * @example quantileSorted(Float64Array.from(values).sort(), 0.85);
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  checkQ('quantileSorted', q);
  const n = sorted.length;
  if (n === 0) throw new ValidationError('quantileSorted: no values; expected at least 1');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Quantile q in [0, 1] with linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy): h = (n - 1) q.
 * @example quantile([1, 2, 3, 4], 0.25); // 1.75
 */
export function quantile(values: Values, q: number): number {
  checkQ('quantile', q);
  return quantileSorted(sortedCopy('quantile', values), q);
}

/**
 * Median (quantile 0.5).
 * @example median([5, 1, 3]); // 3
 */
export function median(values: Values): number {
  return quantile(values, 0.5);
}
