import { ValidationError } from '@nucal/core';

/** Result of {@link truncatedMean}. */
export interface TruncatedMean {
  readonly mean: number;
  /** Standard error from the winsorised variance: s_w / ((hi - lo) sqrt(n)). */
  readonly error: number;
  readonly n: number;
}

/**
 * Mean of the values between the `lo` and `hi` quantiles (e.g. 0.05-0.8 keeps the bulk of a
 * Landau distribution and drops its delta-ray tail). Scale-equivariant, so a common
 * multiplicative factor such as the lifetime attenuation passes straight through. The error
 * uses the winsorised variance (Tukey & McLaughlin 1963), the large-sample variance of a
 * trimmed mean. Sorts a copy (O(n log n)).
 *
 * @example truncatedMean(Float64Array.of(1, 2, 3, 100), 0, 0.75).mean // 2
 */
export function truncatedMean(values: Float64Array, lo = 0.05, hi = 0.8): TruncatedMean {
  const n = values.length;
  if (!(hi > lo && lo >= 0 && hi <= 1)) throw new ValidationError(`truncation quantiles [${lo}, ${hi}]: expected 0 <= lo < hi <= 1`);
  if (n < 2) throw new ValidationError(`truncated mean of ${n} values: expected at least 2`);
  const s = Float64Array.from(values).sort();
  const i0 = Math.floor(lo * n);
  const i1 = Math.max(i0 + 1, Math.ceil(hi * n));
  let sum = 0;
  for (let i = i0; i < i1; i++) sum += s[i]!;
  const mean = sum / (i1 - i0);
  // Winsorised variance: values outside the kept range replaced by the range ends.
  const a = s[i0]!;
  const b = s[i1 - 1]!;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += Math.min(b, Math.max(a, s[i]!));
  const wMean = wSum / n;
  let wVar = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.min(b, Math.max(a, s[i]!)) - wMean;
    wVar += d * d;
  }
  wVar /= n - 1;
  const frac = (i1 - i0) / n;
  return { mean, error: Math.sqrt(wVar / n) / frac, n };
}
