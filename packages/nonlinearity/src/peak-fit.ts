import { FitError, ValidationError } from '@nucal/core';
import { Hist1D, highestRunningSum3, minimize, regularAxis, type FitResult, type ParameterSpec, type UniformHistogram } from '@nucal/numeric';
import { peakBinContents } from './peak-shape.js';
import type { PeakModel } from './sample.js';

export type { UniformHistogram };

/** Parameter names of a peak fit. */
export type PeakParameter = 'amplitude' | 'mean' | 'sigma' | 'tailFraction' | 'tailMean';

/** Result of {@link fitPeak}, in the unit of the histogram (PE or MeV). */
export interface PeakFit {
  readonly model: PeakModel;
  readonly mean: number;
  readonly meanErr: number;
  readonly sigma: number;
  readonly sigmaErr: number;
  /** Fit range actually used. */
  readonly rangeLo: number;
  readonly rangeHi: number;
  readonly result: FitResult<PeakParameter>;
  /** Set when a Gaussian-plus-tail fit could not resolve the tail and the Gaussian was used. */
  readonly fallbackFrom?: PeakModel;
}

/** Options of {@link fitPeak}. */
export interface PeakFitOptions {
  /** Fit range below the peak in units of the first sigma estimate (default 3, or 10 with tail). */
  readonly sigmasBelow?: number;
  /** Fit range above the peak (default 3, or 4 with tail). */
  readonly sigmasAbove?: number;
}

/**
 * Fits a full-absorption peak with a binned Poisson likelihood (Baker-Cousins chi2, errorDef 1):
 * a Gaussian, or a Gaussian plus an exponential low-side leakage tail convolved with the same
 * resolution (PHYSICS.md 1.4; the shape of `peakCdf`). First estimates come from the highest
 * bin of a 3-bin running mean and the half-maximum point on the high side, which the
 * leakage tail does not reach. When the tail cannot be resolved (fit invalid or a tail
 * parameter at its limit) the Gaussian fit is returned, flagged by `fallbackFrom`.
 *
 * @example
 * const pk = fitPeak({ lo: 0, hi: 2000, counts }, 'gaussian');
 * pk.mean; pk.meanErr;
 */
export function fitPeak(h: UniformHistogram, model: PeakModel, options: PeakFitOptions = {}): PeakFit {
  const nb = h.counts.length;
  if (!(h.hi > h.lo) || nb < 3) throw new ValidationError(`peak histogram [${h.lo}, ${h.hi}) with ${nb} bins is invalid: expected hi > lo and >= 3 bins`);
  const w = (h.hi - h.lo) / nb;
  const c = Float64Array.from(h.counts);
  const { bin: jMax, sum: best } = highestRunningSum3(c);
  const half = best / 6;
  let jHalf = jMax;
  while (jHalf < nb - 1 && (c[jHalf - 1]! + c[jHalf]! + c[jHalf + 1]!) / 3 > half) jHalf++;
  const mu0 = h.lo + (jMax + 0.5) * w;
  const sigma0 = Math.max(w, (jHalf - jMax) * w / 1.1774);
  const withTail = model === 'gaussian-tail';
  const below = options.sigmasBelow ?? (withTail ? 10 : 3);
  const above = options.sigmasAbove ?? (withTail ? 4 : 3);
  const j0 = Math.max(0, Math.floor((mu0 - below * sigma0 - h.lo) / w));
  const j1 = Math.min(nb - 1, Math.ceil((mu0 + above * sigma0 - h.lo) / w));
  const n = j1 - j0 + 1;
  if (n < (withTail ? 6 : 4)) throw new FitError(`peak near ${mu0} spans ${n} bins: expected a finer histogram (bin ${w}, sigma ~${sigma0})`);
  const edges = Float64Array.from({ length: n + 1 }, (_, i) => h.lo + (j0 + i) * w);
  const counts = c.subarray(j0, j1 + 1);
  const nLogN = Float64Array.from(counts, (x) => (x > 0 ? x * Math.log(x) : 0));
  let total = 0;
  for (const x of counts) total += x;
  if (!(total > 0)) throw new FitError(`peak near ${mu0} has no events in its fit range`);
  const expected = new Float64Array(n);
  const bc = (p: Readonly<Record<PeakParameter, number>>): number => {
    peakBinContents(edges, p.amplitude, p.mean, p.sigma, withTail ? p.tailFraction : 0, p.tailMean, expected);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const mu = expected[i]!;
      const k = counts[i]!;
      if (k > 0) {
        if (!(mu > 0)) return Infinity;
        s += mu - k + nLogN[i]! - k * Math.log(mu);
      } else s += mu;
    }
    return 2 * s;
  };
  const parameters: ParameterSpec<PeakParameter>[] = [
    { name: 'amplitude', start: total, step: Math.sqrt(total) },
    { name: 'mean', start: mu0, step: sigma0 / Math.sqrt(total) + 0.1 * w },
    { name: 'sigma', start: sigma0, step: 0.05 * sigma0, limits: [0.05 * sigma0, 20 * sigma0] },
    { name: 'tailFraction', start: withTail ? 0.05 : 0, step: 0.01, limits: [0, 0.95], fixed: !withTail },
    { name: 'tailMean', start: withTail ? 2 * sigma0 : 1, step: 0.2 * sigma0, limits: [0.05 * sigma0, 50 * sigma0], fixed: !withTail },
  ];
  const result = minimize<PeakParameter>(bc, parameters, { errorDef: 1, nData: n });
  // A tail much narrower than the resolution (or absent) is degenerate with the Gaussian:
  // the Hessian is singular and the tail parameters sit at their limits. Use the Gaussian.
  if (withTail && (!result.valid || nearLimit(parameters, result.values))) {
    return { ...fitPeak(h, 'gaussian', options.sigmasAbove !== undefined ? { sigmasAbove: options.sigmasAbove } : {}), fallbackFrom: 'gaussian-tail' };
  }
  return {
    model,
    mean: result.values.mean,
    meanErr: result.errors.mean,
    sigma: result.values.sigma,
    sigmaErr: result.errors.sigma,
    rangeLo: edges[0]!,
    rangeHi: edges[n]!,
    result,
  };
}

/**
 * The fallback rule of {@link fitPeak}: a free limited parameter within 1e-3 of its range from
 * a limit. It is this package's own rule (numeric's `atLimit` was the same until it took
 * iminuit's "closer than half the error"; with that rule a poorly resolved tail, e.g. K-40's,
 * falls back to the Gaussian and the calibration constants change, so the choice stays here).
 *
 * @example
 * nearLimit([{ name: 'f', start: 0.1, limits: [0, 0.95] }], { f: 0.0005 }); // true
 */
export function nearLimit<P extends string>(parameters: readonly ParameterSpec<P>[], values: Readonly<Record<P, number>>): boolean {
  return parameters.some((p) => {
    if (!p.limits || p.fixed) return false;
    const [lo, hi] = p.limits;
    const v = values[p.name];
    // the range, or for a one-sided limit max(1, |limit|)
    const scale = Number.isFinite(lo) && Number.isFinite(hi) ? hi - lo : Math.max(1, Math.abs(Number.isFinite(lo) ? lo : hi));
    return Math.min(v - lo, hi - v) < 1e-3 * scale;
  });
}

/**
 * Histogram of raw values (e.g. PE per event) around their bulk for {@link fitPeak}: range from
 * the 0.2% to the 99.9% quantile widened by 5%, bin width about a tenth of the robust width
 * of the upper half (so about sigma/8 for a Gaussian peak), filled into numeric's `Hist1D` on a
 * `regularAxis`.
 *
 * @example
 * const h = histogramAroundPeak(eventsPe);
 */
export function histogramAroundPeak(values: ArrayLike<number>): UniformHistogram {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n < 20) throw new ValidationError(`peak sample has ${n} events: expected at least 20`);
  const q = (f: number): number => sorted[Math.min(n - 1, Math.max(0, Math.round(f * (n - 1))))]!;
  const median = q(0.5);
  // upper half is free of the leakage tail: 84% - 50% quantiles is one sigma for a Gaussian
  const sigma = Math.max(q(0.8413) - median, 1e-9 * Math.abs(median) + 1e-12);
  const lo = Math.min(q(0.002), median - 12 * sigma);
  const hi = q(0.999) + 0.05 * (q(0.999) - lo);
  const width = sigma / 8;
  const bins = Math.max(3, Math.min(5000, Math.ceil((hi - lo) / width)));
  const h = new Hist1D(regularAxis(bins, lo, hi));
  h.fillArray(sorted);
  return { lo, hi, counts: h.values() };
}
