import { FitError, ValidationError } from '@nucal/core';
import { highestRunningSum3, normalCdf, poissonBinnedFit, quantileSorted, type UniformHistogram } from '@nucal/numeric';

export type { UniformHistogram };

/** Result of a Gaussian peak fit, in the unit of the values. */
export interface GaussianPeak {
  readonly mean: number;
  readonly meanError: number;
  readonly sigma: number;
  readonly sigmaError: number;
  /** Events inside the final fit window. */
  readonly eventsInWindow: number;
  readonly chi2: number;
  readonly ndof: number;
  readonly valid: boolean;
}

/** Half-width of the fit window, in sigmas. */
const WINDOW_SIGMAS = 3;

/**
 * Gaussian fit of a peak in a histogram: binned Poisson likelihood (Baker-Cousins, with
 * @nucal/numeric's `poissonBinnedFit`) over the bins within +-3 sigma of the peak. It starts
 * at the highest bin of a 3-bin running mean and the half-maximum point on the high side
 * (the low side may carry a leakage tail), then refits twice with the window moved to the
 * fitted mean and width. The window keeps non-Gaussian tails out of the peak.
 *
 * @example
 * const pk = fitGaussianHistogram({ lo: 1000, hi: 4000, counts });
 * pk.mean; pk.meanError; pk.sigma
 */
export function fitGaussianHistogram(h: UniformHistogram): GaussianPeak {
  const nb = h.counts.length;
  if (!(h.hi > h.lo) || nb < 5) throw new ValidationError(`histogram [${h.lo}, ${h.hi}) with ${nb} bins: expected hi > lo and >= 5 bins`);
  const w = (h.hi - h.lo) / nb;
  const c = Float64Array.from(h.counts);
  const { bin: jMax, sum: best } = highestRunningSum3(c);
  let jHalf = jMax;
  while (jHalf < nb - 2 && c[jHalf - 1]! + c[jHalf]! + c[jHalf + 1]! > best / 2) jHalf++;
  let mu = h.lo + (jMax + 0.5) * w;
  let sigma = Math.max(w, ((jHalf - jMax) * w) / 1.1774);
  let last: GaussianPeak | undefined;
  for (let pass = 0; pass < 3; pass++) {
    const j0 = Math.max(0, Math.floor((mu - WINDOW_SIGMAS * sigma - h.lo) / w));
    const j1 = Math.min(nb - 1, Math.floor((mu + WINDOW_SIGMAS * sigma - h.lo) / w));
    const n = j1 - j0 + 1;
    if (n < 5) throw new FitError(`Gaussian peak near ${mu} spans ${n} bins: expected a finer histogram (bin ${w}, sigma ~${sigma})`);
    const edges = Float64Array.from({ length: n + 1 }, (_, i) => h.lo + (j0 + i) * w);
    const counts = c.subarray(j0, j1 + 1);
    let total = 0;
    for (const x of counts) total += x;
    if (total < 20) throw new FitError(`Gaussian peak near ${mu}: ${total} events in its window; expected at least 20`);
    const fit = poissonBinnedFit<'n' | 'mu' | 'sigma'>({
      x: edges.subarray(0, n),
      counts,
      model: (_x, p, i) => p.n * (normalCdf(edges[i + 1]!, p.mu, p.sigma) - normalCdf(edges[i]!, p.mu, p.sigma)) + 1e-12,
      parameters: [
        { name: 'n', start: total * 1.003, step: Math.sqrt(total) },
        { name: 'mu', start: mu, step: sigma / Math.sqrt(total) },
        { name: 'sigma', start: sigma, step: sigma / Math.sqrt(2 * total), limits: [0.1 * sigma, 10 * sigma] },
      ],
    });
    mu = fit.values.mu;
    sigma = fit.values.sigma;
    last = { mean: mu, meanError: fit.errors.mu, sigma, sigmaError: fit.errors.sigma, eventsInWindow: total, chi2: fit.chi2, ndof: fit.ndof, valid: fit.valid };
  }
  return last!;
}

/**
 * Histograms values for {@link fitGaussianHistogram}: `bins` uniform bins over the median
 * -lowSigmas / +highSigmas robust widths (half the central 68% interval).
 */
export function histogramAroundPeak(values: ArrayLike<number>, bins = 240, lowSigmas = 6, highSigmas = 6): UniformHistogram {
  const n = values.length;
  if (n < 50) throw new ValidationError(`peak histogram of ${n} values: expected at least 50`);
  const sorted = Float64Array.from(values).sort();
  const med = quantileSorted(sorted, 0.5);
  const s = 0.5 * (quantileSorted(sorted, 0.8413) - quantileSorted(sorted, 0.1587));
  if (!(s > 0)) throw new FitError(`values around ${med} have zero spread: expected a peak with a width`);
  const lo = med - lowSigmas * s;
  const hi = med + highSigmas * s;
  const counts = new Float64Array(bins);
  const w = (hi - lo) / bins;
  for (let i = 0; i < n; i++) {
    const j = Math.floor((values[i]! - lo) / w);
    if (j >= 0 && j < bins) counts[j]! += 1;
  }
  return { lo, hi, counts };
}

/**
 * Gaussian fit of the peak of a set of values (e.g. reconstructed energies of one energy):
 * {@link histogramAroundPeak} with 40 bins per sigma, then {@link fitGaussianHistogram}.
 *
 * @example fitGaussianPeak(eRecMeV).sigma
 */
export function fitGaussianPeak(values: ArrayLike<number>): GaussianPeak {
  return fitGaussianHistogram(histogramAroundPeak(values, 480, 6, 6));
}
