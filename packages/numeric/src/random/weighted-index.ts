import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';

/**
 * Draws an index i with probability proportional to weight i, given the running sums
 * `cumulativeWeights[i] = w0 + ... + wi` (non-decreasing, last element > 0). Binary search,
 * O(log n); build the cumulative array once and reuse it.
 *
 * @example
 * const cum = new Float64Array([0.2, 0.5, 1.0]); // weights 0.2, 0.3, 0.5
 * const line = weightedIndex(rng, cum);           // 0, 1 or 2
 */
export function weightedIndex(rng: RandomSource, cumulativeWeights: Float64Array): number {
  const n = cumulativeWeights.length;
  const total = n > 0 ? (cumulativeWeights[n - 1] as number) : 0;
  if (!(total > 0)) {
    throw new ValidationError(`weightedIndex: total weight ${total} (array length ${n}); expected a non-empty cumulative array ending > 0`);
  }
  const target = rng.uniform() * total;
  // First index whose cumulative weight exceeds target (zero-weight entries are never chosen).
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulativeWeights[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
