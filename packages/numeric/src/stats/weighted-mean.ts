import { ValidationError } from '@nucal/core';
import type { Values } from './moments.js';

/** Result of {@link weightedMean}. */
export interface WeightedMean {
  /** Inverse-variance weighted mean Σ(x/σ²) / Σ(1/σ²). */
  mean: number;
  /** Its error 1/sqrt(Σ 1/σ²). */
  error: number;
  /** Σ ((x - mean)/σ)², for a consistency check. */
  chi2: number;
  /** n - 1. */
  ndof: number;
}

/**
 * Inverse-variance weighted mean of measurements with Gaussian errors.
 * @example weightedMean([1.0, 1.2], [0.1, 0.2]); // mean 1.04, error 0.0894
 */
export function weightedMean(values: Values, errors: Values): WeightedMean {
  const n = values.length;
  if (n === 0 || errors.length !== n) throw new ValidationError(`weightedMean: ${n} values and ${errors.length} errors; expected equal, non-zero lengths`);
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < n; i++) {
    const e = errors[i] as number;
    if (!(e > 0) || !Number.isFinite(e)) throw new ValidationError(`weightedMean: errors[${i}] = ${e}; expected a finite number > 0`);
    const w = 1 / (e * e);
    sw += w;
    swx += w * (values[i] as number);
  }
  const m = swx / sw;
  let chi2 = 0;
  for (let i = 0; i < n; i++) chi2 += (((values[i] as number) - m) / (errors[i] as number)) ** 2;
  return { mean: m, error: 1 / Math.sqrt(sw), chi2, ndof: n - 1 };
}
