import type { FitSummary } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { Hist1D, normalCdf, quantileSorted, regularAxis } from '@nucal/numeric';

/** Result of {@link clippedMean}. */
export interface ClippedMean {
  readonly mean: number;
  /**
   * Standard error of the mean from the skipped mean's influence function (sandwich form):
   * sqrt(sum of kept squared deviations) / (nUsed - n c (f(centre - c) + f(centre + c))), the
   * density f at the clip edges estimated from the values within 0.3 rms of each edge. For a
   * Gaussian it is rms / sqrt(nUsed) within 3%; for heavy tails it grows as the clip edge
   * starts to carry weight.
   */
  readonly error: number;
  /** rms / sqrt(nUsed): the naive error, right only when the clip edge carries no weight. */
  readonly naiveError: number;
  /** Standard deviation of the values kept. */
  readonly rms: number;
  readonly nUsed: number;
  readonly nRejected: number;
  /** Pearson chi2 of the kept values against a Gaussian (mean, rms) in equiprobable bins. */
  readonly chi2: number;
  readonly ndof: number;
}

/**
 * Iterative n-sigma clipped mean: start from the median and 1.4826 x MAD, keep values
 * within `nSigma` standard deviations, recompute mean and rms, repeat until the kept set is
 * stable. Robust against a few outliers (delta rays, mis-reconstructed tracks) and unbiased
 * for a symmetric core. With 3-sigma clipping of Gaussian data the rms is 1.3% low.
 *
 * The error is not rms / sqrt(n): the clipped mean is an M-estimator with
 * psi(u) = u for |u| <= c, 0 beyond, whose asymptotic variance is E[psi^2] / (n E[psi']^2) with
 * E[psi'] = P(|u| <= c) - c (f(-c) + f(c)). When the data have tails (drift times of track
 * ends: 4-5% clipped, against 0.3% for a Gaussian), values move in and out of the window as
 * the centre moves and the naive error is 10-15% low (measured with a bootstrap). The scale's
 * own uncertainty does not enter for a symmetric distribution (location and scale decouple).
 *
 * The returned chi2 tests the Gaussian-core assumption: kept values in up to 10 bins of equal
 * probability under the fitted Gaussian truncated at the clip, ndof = bins - 3.
 *
 * @example
 * clippedMean([1.0, 1.1, 0.9, 1.05, 50]).mean // 1.0125 (50 rejected)
 */
export function clippedMean(values: ArrayLike<number>, options: { nSigma?: number; maxIterations?: number } = {}): ClippedMean {
  const nSigma = options.nSigma ?? 3;
  const maxIterations = options.maxIterations ?? 20;
  const n = values.length;
  if (n === 0) throw new ValidationError('clippedMean of no values: expected at least one value');
  const x = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!)) throw new ValidationError(`value ${x[i]} at index ${i} is not finite`);
  }
  const sorted = Float64Array.from(x).sort();
  let centre = quantileSorted(sorted, 0.5);
  const dev = Float64Array.from(sorted, (v) => Math.abs(v - centre)).sort();
  let width = 1.4826 * quantileSorted(dev, 0.5);
  let mean = centre;
  let rms = 0;
  let used = n;
  let prevUsed = -1;
  let lastCentre = centre;
  let lastCut = Infinity;
  for (let it = 0; it < maxIterations; it++) {
    let s = 0;
    let s2 = 0;
    let k = 0;
    const cut = width > 0 ? nSigma * width : Infinity;
    lastCentre = centre;
    lastCut = cut;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (Math.abs(v - centre) <= cut) {
        s += v;
        k++;
      }
    }
    mean = s / k;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (Math.abs(v - centre) <= cut) s2 += (v - mean) * (v - mean);
    }
    rms = k > 1 ? Math.sqrt(s2 / (k - 1)) : 0;
    used = k;
    if (k === prevUsed && Math.abs(mean - centre) <= 1e-12 * (Math.abs(mean) + rms)) break;
    prevUsed = k;
    centre = mean;
    width = rms;
  }
  const { chi2, ndof } = gaussianChi2(x, mean, rms, lastCut, lastCentre);
  const naiveError = used > 0 ? rms / Math.sqrt(used) : 0;
  return { mean, error: sandwichError(x, mean, rms, lastCut, naiveError), naiveError, rms, nUsed: used, nRejected: n - used, chi2, ndof };
}

/**
 * sqrt(sum psi^2) / |sum psi'| for the skipped mean at the converged centre `mean` and
 * half-window `cut`. The edge densities come from counts within h = 0.3 rms of each edge
 * (for a Gaussian at 3 sigma this overestimates f by 12% of a 2.7% term; narrower windows
 * hold too few values at n ~ 100). Falls back to the naive error when the denominator is not
 * clearly positive (fewer than 3 values, or a window edge denser than its inside).
 */
function sandwichError(x: Float64Array, mean: number, rms: number, cut: number, naiveError: number): number {
  const n = x.length;
  if (!Number.isFinite(cut) || !(rms > 0) || n < 3) return naiveError;
  const h = 0.3 * rms;
  let s2 = 0;
  let kept = 0;
  let nearLow = 0;
  let nearHigh = 0;
  for (let i = 0; i < n; i++) {
    const u = x[i]! - mean;
    if (Math.abs(u) <= cut) {
      s2 += u * u;
      kept++;
    }
    if (Math.abs(u + cut) <= h) nearLow++;
    if (Math.abs(u - cut) <= h) nearHigh++;
  }
  const edgeDensitySum = (nearLow + nearHigh) / (2 * h); // n (f(-c) + f(c))
  const denominator = kept - cut * edgeDensitySum;
  if (!(denominator > 0.25 * kept)) return naiveError;
  return Math.max(naiveError, Math.sqrt(s2) / denominator);
}

/**
 * A {@link ClippedMean} as the payload fit summary: parameters `[name, spreadName]` (mean and
 * rms of the kept values), diagonal covariance (for a Gaussian core the two are uncorrelated),
 * chi2/ndof of the Gaussian-core test, valid when at least 3 values were kept.
 *
 * @example
 * clippedMeanFitSummary(clippedMean(offsetsUs), 't0OffsetUs', 'spreadUs')
 */
export function clippedMeanFitSummary(r: ClippedMean, name: string, spreadName: string): FitSummary {
  const spreadError = r.nUsed > 1 ? r.rms / Math.sqrt(2 * (r.nUsed - 1)) : 0;
  return {
    parameters: [name, spreadName],
    values: { [name]: r.mean, [spreadName]: r.rms },
    errors: { [name]: r.error, [spreadName]: spreadError },
    covariance: [
      [r.error * r.error, 0],
      [0, spreadError * spreadError],
    ],
    chi2: r.chi2,
    ndof: r.ndof,
    valid: r.nUsed >= 3 && Number.isFinite(r.mean),
  };
}

function gaussianChi2(x: Float64Array, mean: number, rms: number, cut: number, centre: number): { chi2: number; ndof: number } {
  const kept: number[] = [];
  for (const v of x) if (Math.abs(v - centre) <= cut) kept.push(v);
  const nBins = Math.min(10, Math.floor(kept.length / 5));
  if (nBins < 4 || !(rms > 0)) return { chi2: 0, ndof: 0 };
  // Equiprobable bins of the Gaussian truncated to the clip window.
  const lo = Number.isFinite(cut) ? normalCdf((centre - cut - mean) / rms) : 0;
  const hi = Number.isFinite(cut) ? normalCdf((centre + cut - mean) / rms) : 1;
  // u = the fitted truncated Gaussian's CDF of each value, histogrammed in nBins equal bins of
  // [0, 1); u just outside by round-off counts in the nearest end bin.
  const h = new Hist1D(regularAxis(nBins, 0, 1));
  const lastBin = 1 - 0.5 / nBins;
  h.fillArray(Float64Array.from(kept, (v) => {
    const u = (normalCdf((v - mean) / rms) - lo) / (hi - lo);
    return u < 0 ? 0 : u >= 1 ? lastBin : u;
  }));
  const counts = h.values();
  const expected = kept.length / nBins;
  let chi2 = 0;
  for (const c of counts) chi2 += ((c - expected) * (c - expected)) / expected;
  return { chi2, ndof: nBins - 3 };
}
