import type { FitSummary } from '@nucal/core';
import { FitError } from '@nucal/core';
import { chi2Fit, toFitSummary } from '@nucal/numeric';
import type { LifetimeEntry } from '@nucal/tpc-drift';
import { truncatedMean } from './truncated-mean.js';

/** dQ/dx versus drift time in bins, with the robust estimator per bin. */
export interface LifetimeProfile {
  /** Bin centres (mean drift time of the hits in the bin), us. */
  readonly driftTimeUs: Float64Array;
  /** Truncated-mean dQ/dx per bin, ADC/cm, and its error. */
  readonly dqdx: Float64Array;
  readonly dqdxError: Float64Array;
  readonly nHits: Int32Array;
}

/** Options of {@link fitLifetime}. */
export interface LifetimeFitOptions {
  /** Number of drift-time bins between 0 and `maxDriftTimeUs` (default 10). */
  readonly bins?: number;
  /** Truncation quantiles of the per-bin estimator (default 0.05-0.8). */
  readonly truncation?: readonly [number, number];
  /** Bins with fewer hits are dropped (default 200). */
  readonly minHitsPerBin?: number;
}

/**
 * Electron lifetime from dQ/dx versus drift time (PHYSICS.md 2.3): hits binned in drift time,
 * a truncated mean per bin (robust to the Landau tail), and a chi2 fit of
 * q(t) = q0 exp(-t inverseLifetimePerMs / 1000). The error on the lifetime is propagated from
 * the fitted inverse lifetime (the parameter the fit is linear-ish in, so its error is Gaussian).
 *
 * Implemented here because `@nucal/tpc-drift` did not yet export its lifetime fit when this
 * package was written; the per-bin estimator and the fit follow the brief of that package.
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
): { entry: LifetimeEntry; profile: LifetimeProfile; fit: FitSummary } {
  const bins = options.bins ?? 10;
  const [lo, hi] = options.truncation ?? [0.05, 0.8];
  const minHits = options.minHitsPerBin ?? 200;
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
    if (counts[b]! < minHits) continue;
    const tm = truncatedMean(values[b]!, lo, hi);
    xs.push(tSum[b]! / counts[b]!);
    ys.push(tm.mean);
    es.push(tm.error);
    ns.push(counts[b]!);
  }
  const where = `TPC ${tpc}${slice ? ` y in [${slice.yMinCm}, ${slice.yMaxCm}) cm` : ''}`;
  if (xs.length < 3) throw new FitError(`lifetime fit for ${where}: ${xs.length} drift-time bins with >= ${minHits} hits, expected at least 3`);
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
  // Hits of one track share its pitch and energy, so bins are not made of independent hits;
  // the PDG scale factor sqrt(chi2/ndof) (when > 1) carries that into the error.
  const scale = result.ndof > 0 ? Math.max(1, Math.sqrt(result.chi2 / result.ndof)) : 1;
  return {
    entry: {
      tpc,
      ...(slice ?? {}),
      lifetimeMs: 1 / inv,
      errorMs: (scale * invErr) / (inv * inv),
      nHits: ns.reduce((a, b) => a + b, 0),
      fit,
    },
    profile: {
      driftTimeUs: Float64Array.from(xs),
      dqdx: Float64Array.from(ys),
      dqdxError: Float64Array.from(es),
      nHits: Int32Array.from(ns),
    },
    fit,
  };
}
