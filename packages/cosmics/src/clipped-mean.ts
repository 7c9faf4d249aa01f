import type { FitSummary } from '@nucal/core';
import { FitError } from '@nucal/core';

/**
 * 3-sigma clipped mean with its standard error, iterated from the median (a minimal stand-in:
 * `@nucal/tpc-drift` has the same estimator in `t0FromAnodeCrossers`/`vdFromCathodeCrossers`,
 * not exported from its index when this package was written).
 *
 * @example clippedMeanSummary([1, 1.1, 0.9, 50], 'x').values.x // 1
 */
export function clippedMeanSummary(values: readonly number[], name: string, nSigma = 3): { mean: number; error: number; n: number; fit: FitSummary } {
  if (values.length < 3) throw new FitError(`clipped mean of ${name}: ${values.length} values, expected at least 3`);
  const sorted = [...values].sort((a, b) => a - b);
  let centre = sorted[Math.floor(sorted.length / 2)]!;
  let width = Infinity;
  let mean = centre;
  let rms = 0;
  let n = values.length;
  for (let it = 0; it < 30; it++) {
    const kept = values.filter((v) => Math.abs(v - centre) <= nSigma * width);
    n = kept.length;
    mean = kept.reduce((a, b) => a + b, 0) / n;
    rms = Math.sqrt(kept.reduce((a, b) => a + (b - mean) * (b - mean), 0) / Math.max(1, n - 1));
    if (Math.abs(mean - centre) <= 1e-12 * (Math.abs(mean) + rms) && width === rms) break;
    centre = mean;
    width = rms;
  }
  const error = rms / Math.sqrt(n);
  const spreadError = n > 1 ? rms / Math.sqrt(2 * (n - 1)) : 0;
  return {
    mean,
    error,
    n,
    fit: {
      parameters: [name, 'spread'],
      values: { [name]: mean, spread: rms },
      errors: { [name]: error, spread: spreadError },
      covariance: [
        [error * error, 0],
        [0, spreadError * spreadError],
      ],
      chi2: 0,
      ndof: 0,
      valid: n >= 3,
    },
  };
}
