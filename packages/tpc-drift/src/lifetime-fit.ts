import { FitError, ValidationError, type FitSummary } from '@nucal/core';
import { chi2Fit, integerAxis, langauMpv, regularAxis, splitByBin, toFitSummary, truncatedMean, variableAxis } from '@nucal/numeric';
import { checkLifetimeHits, type LifetimeHits } from './lifetime-sample.js';
import type { LifetimeEntry, LifetimeEstimator, LifetimePayload } from './records.js';

/** Options of {@link fitLifetimeProfile} and {@link fitLifetimes}. */
export interface LifetimeFitOptions {
  /** Per-bin estimator (default 'truncated-mean'). */
  readonly estimator?: LifetimeEstimator;
  /** Drift-time bins (default 10). */
  readonly bins?: number;
  /** Drift-time range binned, us (default: 0 to the largest drift time in the group). */
  readonly driftTimeRangeUs?: readonly [number, number];
  /** Fractions dropped at the low and high end by the truncated mean (default [0.05, 0.2]: keep 5%-80%). */
  readonly truncation?: readonly [number, number];
  /** Bins with fewer hits are skipped (default 200; the Landau-Gaussian fit needs at least 50). */
  readonly minHitsPerBin?: number;
  /**
   * Multiply the lifetime error by sqrt(chi2/ndof) when that exceeds 1 (PDG scale factor;
   * default true). Hits of one track are correlated (shared pitch, diffusion), which the
   * per-bin errors ignore; the scale factor carries it into the lifetime error.
   */
  readonly scaleErrorByChi2?: boolean;
  /**
   * Expected estimator at drift time t relative to t = 0 without attenuation (from
   * simulation, e.g. {@link estimatorDriftResponse}); each bin's estimator and error are
   * divided by it before the exponential fit. Corrects shape changes along the drift, chiefly
   * diffusion sharing charge between wires (arXiv:2205.06745). Default: none.
   */
  readonly driftCorrection?: (driftTimeUs: number) => number;
}

/** dQ/dx estimator versus drift time, as fitted. */
export interface LifetimeProfile {
  /** Mean drift time of the hits in each used bin, us. */
  readonly driftTimeUs: Float64Array;
  /** Estimator per bin (unit of the input dQ/dx) and its error. */
  readonly value: Float64Array;
  readonly error: Float64Array;
  readonly nHits: Int32Array;
}

/** One lifetime measurement: the payload entry and the profile behind it (for plots). */
export interface LifetimeFitResult {
  readonly entry: LifetimeEntry;
  readonly profile: LifetimeProfile;
  /** Fitted dQ/dx at zero drift time, unit of the input. */
  readonly q0: number;
}

/**
 * dQ/dx estimator versus drift time for one group of hits: hits binned in drift time and,
 * per bin with enough hits, a robust estimator of the dQ/dx scale — a truncated mean with
 * the trimmed-mean standard error (numeric's `truncatedMean`) or the most probable value of
 * a Landau-Gaussian fit (numeric's `langauMpv`) — divided by `driftCorrection` when given.
 *
 * @example
 * const p = lifetimeProfile(driftTimesUs, dQdx, { estimator: 'langau-mpv', bins: 8 });
 */
export function lifetimeProfile(driftTimeUs: ArrayLike<number>, dQdx: ArrayLike<number>, options: LifetimeFitOptions = {}): LifetimeProfile {
  const n = driftTimeUs.length;
  if (dQdx.length !== n) throw new ValidationError(`${n} drift times for ${dQdx.length} dQ/dx values: expected equal lengths`);
  const estimator = options.estimator ?? 'truncated-mean';
  const nBins = options.bins ?? 10;
  const [dropLow, dropHigh] = options.truncation ?? [0.05, 0.2];
  const minHits = Math.max(options.minHitsPerBin ?? 200, estimator === 'langau-mpv' ? 50 : 2);
  let [tLo, tHi] = options.driftTimeRangeUs ?? [0, -Infinity];
  if (options.driftTimeRangeUs === undefined) for (let i = 0; i < n; i++) tHi = Math.max(tHi, driftTimeUs[i]!);
  if (!(tHi > tLo)) throw new ValidationError(`lifetime profile: empty drift-time range [${tLo}, ${tHi}] us`);
  if (!Number.isInteger(nBins) || nBins < 3) throw new ValidationError(`lifetime profile: ${nBins} bins, expected an integer >= 3`);
  // Drift-time bins on numeric's regular axis; the range is closed, so a drift time equal to its
  // upper end (the largest one when the range comes from the data) counts in the last bin.
  const axis = regularAxis(nBins, tLo, tHi, { label: 'drift time', unit: 'us' });
  const lastBin = axis.centers()[nBins - 1]!;
  const at = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = driftTimeUs[i]!;
    at[i] = t === tHi ? lastBin : t;
  }
  const values = splitByBin(axis, at, dQdx);
  const times = splitByBin(axis, at, driftTimeUs);
  const xs: number[] = [];
  const ys: number[] = [];
  const es: number[] = [];
  const ns: number[] = [];
  for (let b = 0; b < nBins; b++) {
    const count = values[b]!.length;
    if (count < minHits) continue;
    let est: { mean: number; error: number } | { mpv: number; error: number };
    try {
      est = estimator === 'truncated-mean' ? truncatedMean(values[b]!, dropLow, dropHigh) : langauMpv(values[b]!);
    } catch (err) {
      // A Landau-Gaussian fit that cannot start (a density that underflows on far outliers of
      // reconstructed data) leaves its bin out, as a bin with too few values is.
      if (err instanceof FitError) continue;
      throw err;
    }
    let tSum = 0;
    for (const t of times[b]!) tSum += t;
    const tMean = tSum / count;
    const corr = options.driftCorrection ? options.driftCorrection(tMean) : 1;
    if (!(corr > 0)) throw new ValidationError(`drift correction ${corr} at ${tMean} us: expected a positive factor`);
    const value = ('mean' in est ? est.mean : est.mpv) / corr;
    if (!(est.error > 0) || !(value > 0)) continue;
    xs.push(tMean);
    ys.push(value);
    es.push(est.error / corr);
    ns.push(count);
  }
  return {
    driftTimeUs: Float64Array.from(xs),
    value: Float64Array.from(ys),
    error: Float64Array.from(es),
    nHits: Int32Array.from(ns),
  };
}

/**
 * Electron lifetime of one group of hits (one TPC or one height slice): the
 * {@link lifetimeProfile} and a chi2 fit of q(t) = q0 exp(-t lambda / 1000) to it, with
 * lambda = 1/tau in 1/ms (the parameter in which the fit is nearly linear, so its error is
 * Gaussian; lifetimeMs = 1/lambda and errorMs = sigma_lambda / lambda^2).
 *
 * The fit itself normalises at the profile's weighted mean drift time tm (weights (q/sigma)^2,
 * those of the log-linear fit): q(t) = qm exp(-(t - tm) lambda / 1000), where qm and lambda are
 * nearly uncorrelated, so the fit is well conditioned whatever the minimiser (with q0 at t = 0
 * the two are 85-95% correlated). q0 = qm exp(tm lambda / 1000) and its covariance with lambda
 * (Jacobian) are what the payload and the result report.
 *
 * Both estimators scale exactly with the attenuation only when the dQ/dx distribution keeps
 * its shape along the drift; additive noise changes it little, diffusion noticeably (see the
 * out-of-family closure tests, the README and `driftCorrection`).
 *
 * @throws FitError when fewer than 3 bins are usable or the fitted lambda is not positive
 * @example
 * const r = fitLifetimeProfile(driftTimesUs, dQdx, { tpc: 0 });
 * r.entry.lifetimeMs, r.entry.errorMs
 */
export function fitLifetimeProfile(
  driftTimeUs: ArrayLike<number>,
  dQdx: ArrayLike<number>,
  options: LifetimeFitOptions & { readonly tpc: number; readonly slice?: { readonly yMinCm: number; readonly yMaxCm: number } },
): LifetimeFitResult {
  const where = `TPC ${options.tpc}${options.slice ? ` y in [${options.slice.yMinCm}, ${options.slice.yMaxCm}) cm` : ''}`;
  const profile = lifetimeProfile(driftTimeUs, dQdx, options);
  const xs = profile.driftTimeUs;
  const ys = profile.value;
  const es = profile.error;
  const minHits = Math.max(options.minHitsPerBin ?? 200, options.estimator === 'langau-mpv' ? 50 : 2);
  if (xs.length < 3) throw new FitError(`lifetime fit for ${where}: ${xs.length} drift-time bins with >= ${minHits} hits, expected at least 3`);

  // Start from a weighted straight-line fit of ln q versus t (t in ms); its weighted mean
  // drift time is where the normalisation decouples from the slope.
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = (ys[i]! / es[i]!) ** 2;
    const lx = xs[i]! / 1000;
    const ly = Math.log(ys[i]!);
    sw += w;
    sx += w * lx;
    sy += w * ly;
    sxx += w * lx * lx;
    sxy += w * lx * ly;
  }
  const tMidMs = sx / sw;
  const det = sw * sxx - sx * sx;
  const slope = (sw * sxy - sx * sy) / det;
  const lambda0 = -slope;
  const qMid0 = Math.exp(sy / sw);
  // Steps of about one standard error (from the log-linear fit) keep the minimiser's first
  // moves on the scale of the chi2 valley even when the bins are very precise.
  const result = chi2Fit({
    x: xs,
    y: ys,
    sigma: es,
    model: (t, p) => p.qMid * Math.exp(((tMidMs * 1000 - t) * p.inverseLifetimePerMs) / 1000),
    parameters: [
      { name: 'qMid', start: qMid0, step: qMid0 / Math.sqrt(sw) },
      { name: 'inverseLifetimePerMs', start: lambda0, step: Math.sqrt(sw / det) },
    ],
  });
  const lambda = result.values.inverseLifetimePerMs;
  if (!result.valid) throw new FitError(`lifetime fit for ${where} did not converge: ${result.message}`);
  if (!(lambda > 0)) {
    throw new FitError(
      `lifetime fit for ${where}: inverse lifetime ${lambda.toExponential(3)} +- ${result.errors.inverseLifetimePerMs.toExponential(2)} /ms is not positive: lifetime beyond the sensitivity of this sample`,
    );
  }
  const chi2Scale = options.scaleErrorByChi2 === false || result.ndof <= 0 ? 1 : Math.max(1, Math.sqrt(result.chi2 / result.ndof));
  return {
    entry: {
      tpc: options.tpc,
      ...(options.slice ?? {}),
      lifetimeMs: 1 / lambda,
      errorMs: (chi2Scale * result.errors.inverseLifetimePerMs) / (lambda * lambda),
      nHits: profile.nHits.reduce((a, b) => a + b, 0),
      fit: normalisationAtZero(toFitSummary(result), tMidMs),
    },
    profile,
    q0: result.values.qMid * Math.exp(tMidMs * lambda),
  };
}

/**
 * The fit summary of q(t) = qMid exp(-(t - tMid) lambda) re-expressed with q0 = q(0) =
 * qMid exp(tMid lambda) (tMid in ms, lambda in 1/ms): parameters `q0`, `inverseLifetimePerMs`,
 * covariance J V Jᵀ with dq0/dqMid = q0/qMid and dq0/dlambda = q0 tMid.
 */
function normalisationAtZero(fit: FitSummary, tMidMs: number): FitSummary {
  const qMid = fit.values.qMid!;
  const lambda = fit.values.inverseLifetimePerMs!;
  const q0 = qMid * Math.exp(tMidMs * lambda);
  const [[vqq, vql], [, vll]] = fit.covariance as [[number, number], [number, number]];
  const a = q0 / qMid;
  const b = q0 * tMidMs;
  const cqq = a * a * vqq + 2 * a * b * vql + b * b * vll;
  const cql = a * vql + b * vll;
  return {
    ...fit,
    parameters: ['q0', 'inverseLifetimePerMs'],
    values: { q0, inverseLifetimePerMs: lambda },
    errors: { q0: Math.sqrt(cqq), inverseLifetimePerMs: fit.errors.inverseLifetimePerMs! },
    covariance: [
      [cqq, cql],
      [cql, vll],
    ],
  };
}

/** Options of {@link fitLifetimes}. */
export interface LifetimesOptions extends LifetimeFitOptions {
  /**
   * Height-slice edges in y, cm, ascending (e.g. [-600, -200, 200, 600]); each slice of each
   * TPC gets its own entry besides the whole-TPC entry. Needs `hits.yCm`.
   */
  readonly heightSliceEdgesCm?: readonly number[];
  /** Full drift time per TPC id, us: the binned range is [0, that] (default: from the data). */
  readonly fullDriftTimeUs?: readonly number[];
}

/**
 * Electron lifetime per TPC, and per height slice when asked, from hits with drift time and
 * dQ/dx ({@link fitLifetimeProfile} per group). Entries are ordered by TPC, whole TPC first.
 *
 * @returns the `dune.lifetime` payload and every fit's profile (for plots)
 * @example
 * const { payload } = fitLifetimes(hits, { estimator: 'langau-mpv', heightSliceEdgesCm: [-600, 0, 600] });
 */
export function fitLifetimes(hits: LifetimeHits, options: LifetimesOptions = {}): { payload: LifetimePayload; results: LifetimeFitResult[] } {
  const n = checkLifetimeHits(hits);
  const edges = options.heightSliceEdgesCm;
  if (edges !== undefined) {
    if (hits.yCm === undefined) throw new ValidationError('height slices need hits.yCm: expected a height per hit');
    for (let i = 1; i < edges.length; i++) {
      if (!(edges[i]! > edges[i - 1]!)) throw new ValidationError(`height-slice edges ${edges.join(', ')} cm: expected strictly ascending`);
    }
  }
  const nSlices = edges ? edges.length - 1 : 0;
  let maxTpc = -1;
  for (let i = 0; i < n; i++) {
    const tpc = hits.tpc[i]!;
    if (!Number.isInteger(tpc) || tpc < 0) throw new ValidationError(`hit ${i} has TPC ${tpc}: expected a non-negative integer`);
    maxTpc = Math.max(maxTpc, tpc);
  }
  // Hits per TPC, and per (TPC, height slice) on the slices' axis (the last slice closed at its top), in input order.
  const tpcAxis = integerAxis(0, maxTpc + 1, { label: 'TPC' });
  const t = splitByBin(tpcAxis, hits.tpc, hits.driftTimeUs);
  const q = splitByBin(tpcAxis, hits.tpc, hits.dQdx);
  let tSlice: Float64Array[] = [];
  let qSlice: Float64Array[] = [];
  if (edges) {
    const yAxis = variableAxis(edges, { label: 'height', unit: 'cm' });
    const group = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const y = hits.yCm![i]!;
      const s = y === yAxis.hi ? nSlices - 1 : yAxis.index(y);
      group[i] = s >= 0 && s < nSlices ? hits.tpc[i]! * nSlices + s : Number.NaN;
    }
    const groupAxis = integerAxis(0, (maxTpc + 1) * nSlices);
    tSlice = splitByBin(groupAxis, group, hits.driftTimeUs);
    qSlice = splitByBin(groupAxis, group, hits.dQdx);
  }
  const results: LifetimeFitResult[] = [];
  for (let tpc = 0; tpc <= maxTpc; tpc++) {
    if (t[tpc]!.length === 0) continue;
    const full = options.fullDriftTimeUs?.[tpc];
    const base: LifetimeFitOptions & { tpc: number } = {
      ...options,
      tpc,
      ...(full !== undefined ? { driftTimeRangeUs: [0, full] as const } : {}),
    };
    results.push(fitLifetimeProfile(t[tpc]!, q[tpc]!, base));
    for (let s = 0; s < nSlices; s++) {
      const g = tpc * nSlices + s;
      results.push(fitLifetimeProfile(tSlice[g]!, qSlice[g]!, { ...base, slice: { yMinCm: edges![s]!, yMaxCm: edges![s + 1]! } }));
    }
  }
  if (results.length === 0) throw new ValidationError('no hits: cannot measure a lifetime');
  return { payload: { estimator: options.estimator ?? 'truncated-mean', entries: results.map((r) => r.entry) }, results };
}
