import { ValidationError } from '@nucal/core';
import type { Values } from './moments.js';
import { sortedCopy } from './quantile.js';

/** Result of {@link truncatedMean}. */
export interface TruncatedMean {
  /** Mean of the kept values. */
  mean: number;
  /** Standard deviation of the kept values / sqrt(kept) (0 when only one value is kept). */
  error: number;
  /** Number of values kept. */
  kept: number;
}

/**
 * Mean after dropping the lowest `lowFraction` and highest `highFraction` of the values
 * (floor(fraction · n) each): a robust estimator for Landau-like dE/dx samples. The error is the
 * spread of the kept values over sqrt(kept); it ignores the truncation's own effect on the spread,
 * so calibrate its coverage with toys when it matters.
 *
 * @example
 * truncatedMean(dQdxPerHit, 0.05, 0.4); // drop 5% lowest, 40% highest
 */
export function truncatedMean(values: Values, lowFraction: number, highFraction: number): TruncatedMean {
  if (!(lowFraction >= 0 && highFraction >= 0 && lowFraction + highFraction < 1)) {
    throw new ValidationError(`truncatedMean: fractions low ${lowFraction}, high ${highFraction}; expected >= 0 with a sum < 1`);
  }
  const s = sortedCopy('truncatedMean', values);
  const n = s.length;
  const start = Math.floor(lowFraction * n);
  const end = n - Math.floor(highFraction * n);
  const kept = end - start;
  if (kept < 1) throw new ValidationError(`truncatedMean: no value kept of ${n}; use fewer cuts or more values`);
  let sum = 0;
  for (let i = start; i < end; i++) sum += s[i] as number;
  const m = sum / kept;
  let ss = 0;
  for (let i = start; i < end; i++) ss += ((s[i] as number) - m) ** 2;
  const error = kept > 1 ? Math.sqrt(ss / (kept - 1)) / Math.sqrt(kept) : 0;
  return { mean: m, error, kept };
}
