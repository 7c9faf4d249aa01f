import type { FitSummary } from '@nucal/core';
import { FitError, ValidationError } from '@nucal/core';
import { chi2Fit, toFitSummary } from '@nucal/numeric';
import type { LifetimeEntry, LifetimeEstimator } from '@nucal/tpc-drift';
import { langauMpv } from './langau-mpv.js';
import { truncatedMeanWithError } from './truncated-mean-error.js';

/** dQ/dx versus drift time in bins, with the robust estimator per bin. */
export interface LifetimeProfile {
  /** Bin centres (mean drift time of the values in the bin), us. */
  readonly driftTimeUs: Float64Array;
  /** Estimator per bin (truncated mean or Landau-Gaussian MPV of dQ/dx, ADC/cm, divided by the drift response) and its error. */
  readonly dqdx: Float64Array;
  readonly dqdxError: Float64Array;
  /** dQ/dx values (wire groups) per bin. */
  readonly count: Int32Array;
}

/**
 * Default truncation of the truncated mean: drop the lowest 5% and the highest 40% of the values.
 * Cutting deep into the Landau tail is what keeps the estimator of wire groups as precise as on
 * single wires (README, "Lifetime").
 */
export const DEFAULT_TRUNCATION: readonly [number, number] = [0.05, 0.4];

/** Options of {@link fitLifetime}. */
export interface LifetimeFitOptions {
  /** Per-bin estimator (default 'truncated-mean'). */
  readonly estimator?: LifetimeEstimator;
  /** Number of drift-time bins between 0 and `maxDriftTimeUs` (default 10). */
  readonly bins?: number;
  /** Fractions dropped at the low and high end by the truncated mean (default {@link DEFAULT_TRUNCATION}: keep 5%-60%). */
  readonly truncation?: readonly [number, number];
  /** Bins with fewer values are dropped (default 40; the Landau-Gaussian fit needs at least 50). */
  readonly minValuesPerBin?: number;
  /**
   * Expected estimator at a drift time relative to zero drift without attenuation (e.g. the
   * diffusion response of {@link sharingResponse}); each bin's estimator and error are divided
   * by it before the exponential fit. Default: 1.
   */
  readonly driftResponse?: (driftTimeUs: number) => number;
}

/**
 * The robust dQ/dx estimator of one drift-time bin: the truncated mean with its winsorised
 * error ({@link truncatedMeanWithError}) or the most probable value of a Landau-Gaussian fit
 * ({@link langauMpv}).
 *
 * @example binEstimate(dqdxInBin, { estimator: 'langau-mpv' }) // { value, error }
 */
export function binEstimate(values: Float64Array, options: Pick<LifetimeFitOptions, 'estimator' | 'truncation'> = {}): { value: number; error: number } {
  if ((options.estimator ?? 'truncated-mean') === 'langau-mpv') {
    const r = langauMpv(values);
    return { value: r.mpv, error: r.error };
  }
  const [dropLow, dropHigh] = options.truncation ?? DEFAULT_TRUNCATION;
  const r = truncatedMeanWithError(values, dropLow, dropHigh);
  return { value: r.mean, error: r.error };
}

/**
 * Electron lifetime from dQ/dx versus drift time (PHYSICS.md 2.3): values binned in drift
 * time, a robust estimator per bin ({@link binEstimate}, robust to the Landau tail), divided by
 * the drift response when given, and a chi2 fit of q(t) = q0 exp(-t inverseLifetimePerMs / 1000).
 * The lifetime error is propagated from the fitted inverse lifetime (the parameter the fit is
 * nearly linear in, so its error is Gaussian) and scaled by sqrt(chi2/ndof) when that exceeds 1
 * (PDG scale factor: values of one track share its pitch and momentum, which the per-bin errors
 * ignore). `hitsPerValue` converts the number of values into the payload's hit count.
 *
 * @example const { entry } = fitLifetime(0, driftTimesUs, dqdx, 2242, {});
 */
export function fitLifetime(
  tpc: number,
  driftTimeUs: Float64Array,
  dqdx: Float64Array,
  maxDriftTimeUs: number,
  options: LifetimeFitOptions = {},
  slice?: { yMinCm: number; yMaxCm: number },
  hitsPerValue = 1,
): { entry: LifetimeEntry; profile: LifetimeProfile; fit: FitSummary } {
  if (driftTimeUs.length !== dqdx.length) throw new ValidationError(`${driftTimeUs.length} drift times for ${dqdx.length} dQ/dx values: expected equal lengths`);
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 3) throw new ValidationError(`lifetime fit: ${bins} drift-time bins, expected an integer >= 3`);
  const estimator = options.estimator ?? 'truncated-mean';
  const minValues = Math.max(options.minValuesPerBin ?? 40, estimator === 'langau-mpv' ? 50 : 2);
  const counts = new Int32Array(bins);
  const idx = new Int32Array(driftTimeUs.length);
  for (let i = 0; i < driftTimeUs.length; i++) {
    const b = Math.floor((driftTimeUs[i]! / maxDriftTimeUs) * bins);
    idx[i] = b >= 0 && b < bins ? b : -1;
    if (idx[i]! >= 0) counts[b]!++;
  }
  const values = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(bins);
  const tSum = new Float64Array(bins);
  for (let i = 0; i < driftTimeUs.length; i++) {
    const b = idx[i]!;
    if (b < 0) continue;
    values[b]![fill[b]!++] = dqdx[i]!;
    tSum[b]! += driftTimeUs[i]!;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const es: number[] = [];
  const ns: number[] = [];
  for (let b = 0; b < bins; b++) {
    if (counts[b]! < minValues) continue;
    const t = tSum[b]! / counts[b]!;
    const r = binEstimate(values[b]!, options);
    const response = options.driftResponse ? options.driftResponse(t) : 1;
    xs.push(t);
    ys.push(r.value / response);
    es.push(r.error / response);
    ns.push(counts[b]!);
  }
  const where = `TPC ${tpc}${slice ? ` y in [${slice.yMinCm}, ${slice.yMaxCm}) cm` : ''}`;
  if (xs.length < 3) throw new FitError(`lifetime fit for ${where}: ${xs.length} drift-time bins with >= ${minValues} values, expected at least 3`);
  const q0Start = ys[0]!;
  const last = xs.length - 1;
  const slopeStart = Math.max(1e-4, (Math.log(ys[0]! / ys[last]!) / (xs[last]! - xs[0]!)) * 1000);
  const result = chi2Fit({
    x: xs,
    y: ys,
    sigma: es,
    model: (t, p) => p.q0 * Math.exp((-t * p.inverseLifetimePerMs) / 1000),
    parameters: [
      { name: 'q0', start: q0Start, step: 0.01 * q0Start },
      { name: 'inverseLifetimePerMs', start: slopeStart, step: 0.1 * slopeStart },
    ],
  });
  const inv = result.values.inverseLifetimePerMs;
  const invErr = result.errors.inverseLifetimePerMs;
  if (!result.valid || !(inv > 0)) throw new FitError(`lifetime fit for ${where} did not converge to a positive inverse lifetime: ${result.message}`);
  const fit = toFitSummary(result);
  const scale = result.ndof > 0 ? Math.max(1, Math.sqrt(result.chi2 / result.ndof)) : 1;
  return {
    entry: {
      tpc,
      ...(slice ?? {}),
      lifetimeMs: 1 / inv,
      errorMs: (scale * invErr) / (inv * inv),
      nHits: ns.reduce((a, b) => a + b, 0) * hitsPerValue,
      fit,
    },
    profile: {
      driftTimeUs: Float64Array.from(xs),
      dqdx: Float64Array.from(ys),
      dqdxError: Float64Array.from(es),
      count: Int32Array.from(ns),
    },
    fit,
  };
}
