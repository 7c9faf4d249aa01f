import type { FitSummary } from '@nucal/core';
import { FitError, ValidationError } from '@nucal/core';
import { Histogram1D, minimize, quantile, toFitSummary } from '@nucal/numeric';
import { langauAtPoints } from './langau-quadrature.js';

/** Options of {@link langauMpv}. */
export interface LangauMpvOptions {
  /** Histogram range as quantiles of the values (default [0.01, 0.85]: the peak and the start of the tail). */
  readonly rangeQuantiles?: readonly [number, number];
  /** Histogram bins (default: sqrt(n in range) clamped to 20..60). */
  readonly bins?: number;
}

/** Result of {@link langauMpv}. */
export interface LangauMpv {
  /** Most probable value of the Landau component, same unit as the values. */
  readonly mpv: number;
  readonly error: number;
  readonly fit: FitSummary;
}

/**
 * Most probable value of a Landau-like sample from a binned Poisson likelihood fit
 * (Baker-Cousins chi2) of a Landau convolved with a Gaussian (the parametrisation of
 * `@nucal/numeric`'s `langauPdf`, evaluated by fixed-node quadrature ({@link langauAtPoints}):
 * parameters n, mpv, width, sigma) to a histogram of the values between two quantiles.
 *
 * @throws FitError when the fit does not converge
 * @example
 * const { mpv, error } = langauMpv(dQdxInBin);
 */
export function langauMpv(values: ArrayLike<number>, options: LangauMpvOptions = {}): LangauMpv {
  const n = values.length;
  if (n < 50) throw new ValidationError(`Landau-Gaussian fit of ${n} values: expected at least 50`);
  const [qLo, qHi] = options.rangeQuantiles ?? [0.01, 0.85];
  const lo = quantile(values, qLo);
  const hi = quantile(values, qHi);
  const med = quantile(values, 0.5);
  const iqr = quantile(values, 0.75) - quantile(values, 0.25);
  if (!(hi > lo) || !(iqr > 0)) throw new ValidationError(`Landau-Gaussian fit: degenerate values (range ${lo}..${hi})`);
  const inRange = Math.round((qHi - qLo) * n);
  const bins = options.bins ?? Math.min(60, Math.max(20, Math.round(Math.sqrt(inRange))));
  const h = new Histogram1D(bins, lo, hi);
  for (let i = 0; i < n; i++) h.fill(values[i]!);
  const centres = h.centers();
  // Start at the fullest bin with the Landau width from the IQR (about 3 widths for a
  // Landau); too narrow a start puts the data in the Landau's steep left edge, where the
  // likelihood is far from quadratic.
  let peak = 0;
  for (let b = 1; b < bins; b++) if (h.counts[b]! > h.counts[peak]!) peak = b;
  const mpv0 = centres[peak]!;
  const width0 = Math.max(iqr / 3, 1e-6 * Math.abs(med));
  const bw = h.binWidth;
  const xs = Float64Array.from(centres);
  const counts = h.counts;
  const dens = new Float64Array(bins);
  // Baker-Cousins chi2 = 2 sum(mu - c + c ln(c / mu)) (as numeric's poissonBinnedFit), with
  // the density evaluated for all bins at once per parameter set.
  let cLogC = 0;
  for (let b = 0; b < bins; b++) if (counts[b]! > 0) cLogC += counts[b]! * Math.log(counts[b]!) - counts[b]!;
  const bakerCousins = (p: Readonly<Record<'n' | 'mpv' | 'width' | 'sigma', number>>): number => {
    langauAtPoints(xs, p.mpv, p.width, p.sigma, dens);
    let sum = cLogC;
    const scale = p.n * bw;
    for (let b = 0; b < bins; b++) {
      const mu = scale * dens[b]!;
      const c = counts[b]!;
      if (c > 0) {
        if (!(mu > 0)) return Infinity;
        sum += mu - c * Math.log(mu);
      } else {
        sum += mu;
      }
    }
    return 2 * sum;
  };
  const fitFrom = (start: Record<'n' | 'mpv' | 'width' | 'sigma', number>) =>
    minimize(
      bakerCousins,
      [
        { name: 'n', start: start.n, step: 0.05 * n, limits: [0, 10 * n] },
        { name: 'mpv', start: start.mpv, step: 0.3 * width0, limits: [lo, hi] },
        { name: 'width', start: start.width, step: 0.2 * width0, limits: [1e-3 * width0, 100 * width0] },
        { name: 'sigma', start: start.sigma, step: 0.2 * width0, limits: [0, 100 * width0] },
      ],
      { errorDef: 1, nData: bins },
    );
  // A failed line search from a poor start usually succeeds from where it stopped, or from a
  // narrower Gaussian start.
  let result = fitFrom({ n, mpv: mpv0, width: width0, sigma: 0.5 * width0 });
  if (!result.valid) result = fitFrom(result.values);
  if (!result.valid) result = fitFrom({ n, mpv: mpv0, width: 0.7 * width0, sigma: 0.2 * width0 });
  if (!result.valid) result = fitFrom({ n, mpv: mpv0, width: 1.5 * width0, sigma: width0 });
  if (!result.valid) throw new FitError(`Landau-Gaussian fit of ${n} values did not converge: ${result.message}`);
  return { mpv: result.values.mpv, error: result.errors.mpv, fit: toFitSummary(result) };
}

