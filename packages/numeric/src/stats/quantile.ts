import { ValidationError } from '@nucal/core';
import type { Values } from './moments.js';

/** Sorted copy as a Float64Array (NaN rejected). */
export function sortedCopy(what: string, values: Values): Float64Array {
  if (values.length === 0) throw new ValidationError(`${what}: no values; expected at least 1`);
  const s = Float64Array.from(values);
  for (let i = 0; i < s.length; i++) if (Number.isNaN(s[i] as number)) throw new ValidationError(`${what}: value ${i} is NaN`);
  return s.sort();
}

/**
 * Quantile q in [0, 1] with linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy): h = (n - 1) q.
 * @example quantile([1, 2, 3, 4], 0.25); // 1.75
 */
export function quantile(values: Values, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new ValidationError(`quantile: q = ${q}; expected a number in [0, 1]`);
  const s = sortedCopy('quantile', values);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + (h - lo) * ((s[hi] as number) - (s[lo] as number));
}

/**
 * Median (quantile 0.5).
 * @example median([5, 1, 3]); // 3
 */
export function median(values: Values): number {
  return quantile(values, 0.5);
}
