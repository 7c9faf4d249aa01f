import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { chi2Survival, poisson } from '@nucal/numeric';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { DedxProfile } from './dedx-profile.js';

/** Default residual-range bins of {@link dedxShapeTest}, cm: 2 cm over the last 10 cm (the Bragg rise), then widening to 100 cm. */
export const DEFAULT_DEDX_SHAPE_BINS_CM: readonly number[] = [0, 2, 4, 6, 8, 10, 15, 20, 30, 40, 60, 100];

/** Options of {@link dedxShapeTest}. */
export interface DedxShapeTestOptions {
  /** Residual-range bin edges of the shape, cm, increasing, >= 0 (default {@link DEFAULT_DEDX_SHAPE_BINS_CM}). */
  readonly binEdgesCm?: readonly number[];
  /** Residual-range window that normalises each sample, cm (default [100, 200], the energy-scale MIP window). */
  readonly windowCm?: readonly [number, number];
  /** Fractions of the lowest and highest dE/dx values dropped by the per-bin truncated mean (default 0.05 and 0.2). */
  readonly lowFraction?: number;
  readonly highFraction?: number;
  /** Bootstrap replicas over tracks for the covariance (default 400). */
  readonly replicas?: number;
  /** Fewest hits a bin needs in both samples to enter the test (default 50). */
  readonly minHitsPerBin?: number;
  /** p-value below which the shapes are called different (default 1e-3). */
  readonly alpha?: number;
}

/** Result of {@link dedxShapeTest}: per bin the two shapes and their ratio, and the chi2 test of equal shapes. */
export interface DedxShapeTest {
  /** Edges of the bins that entered the test, cm. */
  readonly binLowCm: Float64Array;
  readonly binHighCm: Float64Array;
  /** Truncated-mean dE/dx of the bin over that of the window, and its bootstrap error (dimensionless). */
  readonly dataShape: Float64Array;
  readonly dataShapeError: Float64Array;
  readonly referenceShape: Float64Array;
  readonly referenceShapeError: Float64Array;
  /** dataShape / referenceShape and its error (diagonal errors in quadrature). */
  readonly ratio: Float64Array;
  readonly ratioError: Float64Array;
  /** chi2 of the shape difference with the full bootstrap covariance (Hartlap-corrected), one degree of freedom per bin. */
  readonly chi2: number;
  readonly ndof: number;
  readonly pValue: number;
  /** pValue < alpha: data and reference differ in shape (e.g. a wrong recombination model in the reference). */
  readonly differ: boolean;
  readonly alpha: number;
  readonly window: readonly [number, number];
  readonly replicas: number;
  readonly dataTracks: number;
  readonly referenceTracks: number;
}

/**
 * Data against simulation: does the stopping-muon dE/dx versus residual range of `data` have the
 * shape of `reference`, a simulated sample from the nominal model (the calibration's
 * recombination, diffusion and noise) reconstructed and calibrated by the same chain? Both
 * profiles carry calibrated dE/dx per hit (the recombination model of the energy-scale payload
 * inverted), so a generator with another recombination model (Birks against modified Box)
 * changes the data's dE/dx by a different factor in the Bragg rise than in the MIP window.
 *
 * Why data against simulation and not against a calculated curve: the reconstructed stopping
 * point is uncertain by about a centimetre, which moves the last 10 cm of a calculated profile
 * by 5-7%, more than Birks and modified Box differ there (2-5%); the reference goes through the
 * same reconstruction, so that smearing is common. Per sample and bin the estimator is the
 * truncated mean of the hits' dE/dx divided by that of the normalisation window (the energy
 * scale cancels); the covariance of those shapes comes from a Poisson bootstrap over tracks
 * (hits of a track share charge and a stopping point, so hits are not independent; the window
 * normalisation correlates all bins), the two samples' covariances add, and chi2 = d^T C^-1 d
 * with the inverse scaled by (B - p - 2) / (B - 1) for B replicas and p bins (Hartlap, Simon
 * and Schneider, A&A 464 (2007) 399: the inverse of an estimated covariance is biased high).
 *
 * @param rng - stream of the bootstrap (give it its own seed)
 * @throws ValidationError for bad options, or a window with fewer than `minHitsPerBin` hits in either sample
 * @example
 * const t = dedxShapeTest(dataProfile, referenceProfile, createRng('shape'));
 * t.differ // true when the data's recombination is not the reference's
 */
export function dedxShapeTest(
  data: Pick<DedxProfile, 'hits'>,
  reference: Pick<DedxProfile, 'hits'>,
  rng: RandomSource,
  options: DedxShapeTestOptions = {},
): DedxShapeTest {
  const o = checkedOptions(options);
  const d = binnedSample('data', data.hits, o);
  const r = binnedSample('reference', reference.hits, o);
  const used: number[] = [];
  for (let b = 0; b < o.edges.length - 1; b++) if (d.bins[b]!.values.length >= o.minHits && r.bins[b]!.values.length >= o.minHits) used.push(b);
  if (used.length === 0) throw new ValidationError(`no residual-range bin has ${o.minHits} hits in both samples: expected more stopping muons`);
  const dCentral = shapes(d, used, null, o);
  const rCentral = shapes(r, used, null, o);
  const dCov = bootstrapCovariance(d, used, o, rng);
  const rCov = bootstrapCovariance(r, used, o, rng);
  const p = used.length;
  const cov = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) cov.set(i, j, dCov[i]![j]! + rCov[i]![j]!);
  const diff = Matrix.columnVector(Array.from(used, (_, i) => dCentral[i]! - rCentral[i]!));
  const chol = new CholeskyDecomposition(cov);
  if (!chol.isPositiveDefinite()) throw new ValidationError(`dE/dx shape covariance of ${p} bins is not positive definite: use wider bins or more replicas`);
  const hartlap = (o.replicas - p - 2) / (o.replicas - 1);
  const chi2 = hartlap * diff.transpose().mmul(chol.solve(diff)).get(0, 0);
  const pValue = chi2Survival(chi2, p);
  const err = (c: number[][], i: number) => Math.sqrt(c[i]![i]!);
  return {
    binLowCm: Float64Array.from(used, (b) => o.edges[b]!),
    binHighCm: Float64Array.from(used, (b) => o.edges[b + 1]!),
    dataShape: Float64Array.from(dCentral),
    dataShapeError: Float64Array.from(used, (_, i) => err(dCov, i)),
    referenceShape: Float64Array.from(rCentral),
    referenceShapeError: Float64Array.from(used, (_, i) => err(rCov, i)),
    ratio: Float64Array.from(used, (_, i) => dCentral[i]! / rCentral[i]!),
    ratioError: Float64Array.from(used, (_, i) => (dCentral[i]! / rCentral[i]!) * Math.hypot(err(dCov, i) / dCentral[i]!, err(rCov, i) / rCentral[i]!)),
    chi2,
    ndof: p,
    pValue,
    differ: pValue < o.alpha,
    alpha: o.alpha,
    window: o.window,
    replicas: o.replicas,
    dataTracks: d.tracks,
    referenceTracks: r.tracks,
  };
}

interface CheckedOptions {
  readonly edges: readonly number[];
  readonly window: readonly [number, number];
  readonly low: number;
  readonly high: number;
  readonly replicas: number;
  readonly minHits: number;
  readonly alpha: number;
}

function checkedOptions(options: DedxShapeTestOptions): CheckedOptions {
  const edges = options.binEdgesCm ?? DEFAULT_DEDX_SHAPE_BINS_CM;
  if (edges.length < 2 || !(edges[0]! >= 0) || edges.some((e, i) => i > 0 && !(e > edges[i - 1]!))) {
    throw new ValidationError(`dE/dx shape bin edges [${edges.join(', ')}] cm: expected at least two increasing values >= 0`);
  }
  const window = options.windowCm ?? [100, 200];
  if (!(window[0] >= 0 && window[1] > window[0])) throw new ValidationError(`dE/dx shape window [${window.join(', ')}] cm: expected 0 <= low < high`);
  if (edges[edges.length - 1]! > window[0] && edges[0]! < window[1]) {
    throw new ValidationError(`dE/dx shape bins [${edges[0]}, ${edges[edges.length - 1]}] cm overlap the normalisation window [${window.join(', ')}] cm: expected bins below or above it`);
  }
  const low = options.lowFraction ?? 0.05;
  const high = options.highFraction ?? 0.2;
  if (!(low >= 0 && high >= 0 && low + high < 0.9)) throw new ValidationError(`truncation fractions ${low}, ${high}: expected >= 0 with a sum below 0.9`);
  const replicas = options.replicas ?? 400;
  if (!Number.isInteger(replicas) || replicas < 3 * edges.length + 10) {
    throw new ValidationError(`replicas ${replicas}: expected an integer >= ${3 * edges.length + 10} for ${edges.length - 1} bins (the covariance needs many more replicas than bins)`);
  }
  const alpha = options.alpha ?? 1e-3;
  if (!(alpha > 0 && alpha < 1)) throw new ValidationError(`alpha ${alpha}: expected a probability in (0, 1)`);
  return { edges, window: [window[0], window[1]], low, high, replicas, minHits: options.minHitsPerBin ?? 50, alpha };
}

/** One bin's hits sorted by dE/dx, with the track slot of each. */
interface SortedBin {
  readonly values: Float64Array;
  readonly slot: Int32Array;
}

/** A sample's hits per shape bin and in the window (last entry), and its number of tracks. */
interface BinnedSample {
  readonly bins: readonly SortedBin[];
  readonly window: SortedBin;
  readonly tracks: number;
}

function binnedSample(label: string, hits: DedxProfile['hits'], o: CheckedOptions): BinnedSample {
  const nb = o.edges.length - 1;
  const slots = new Map<number, number>();
  const values: number[][] = Array.from({ length: nb + 1 }, () => []);
  const slotOf: number[][] = Array.from({ length: nb + 1 }, () => []);
  const n = hits.residualRangeCm.length;
  if (hits.track.length !== n || hits.dedxMeVPerCm.length !== n) throw new ValidationError(`${label} hits: residual range, dE/dx and track arrays differ in length`);
  for (let i = 0; i < n; i++) {
    const rr = hits.residualRangeCm[i]!;
    const v = hits.dedxMeVPerCm[i]!;
    if (!Number.isFinite(v) || !Number.isFinite(rr)) continue;
    let b = -1;
    if (rr >= o.window[0] && rr < o.window[1]) b = nb;
    else if (rr >= o.edges[0]! && rr < o.edges[nb]!) {
      b = 0;
      while (rr >= o.edges[b + 1]!) b++;
    }
    if (b < 0) continue;
    const t = hits.track[i]!;
    let s = slots.get(t);
    if (s === undefined) slots.set(t, (s = slots.size));
    values[b]!.push(v);
    slotOf[b]!.push(s);
  }
  const sorted = values.map((v, b): SortedBin => {
    const order = Array.from(v.keys()).sort((x, y) => v[x]! - v[y]!);
    return { values: Float64Array.from(order, (k) => v[k]!), slot: Int32Array.from(order, (k) => slotOf[b]![k]!) };
  });
  const window = sorted[nb]!;
  if (window.values.length < o.minHits) {
    throw new ValidationError(`${label}: ${window.values.length} hits in the normalisation window [${o.window.join(', ')}] cm, expected at least ${o.minHits}`);
  }
  return { bins: sorted.slice(0, nb), window, tracks: slots.size };
}

/**
 * Truncated mean of a sorted bin with integer multiplicities per track (null: all 1): the mean
 * of positions [floor(low W), W - floor(high W)) of the expanded sample of W values.
 */
function truncatedMeanOf(bin: SortedBin, weight: Int32Array | null, o: CheckedOptions): number {
  const n = bin.values.length;
  let total = 0;
  if (weight === null) total = n;
  else for (let i = 0; i < n; i++) total += weight[bin.slot[i]!]!;
  const start = Math.floor(o.low * total);
  const end = total - Math.floor(o.high * total);
  if (end <= start) return Number.NaN;
  let position = 0;
  let sum = 0;
  for (let i = 0; i < n && position < end; i++) {
    const w = weight === null ? 1 : weight[bin.slot[i]!]!;
    const lo = Math.max(position, start);
    const hi = Math.min(position + w, end);
    if (hi > lo) sum += (hi - lo) * bin.values[i]!;
    position += w;
  }
  return sum / (end - start);
}

/** Per used bin: truncated mean / window truncated mean. */
function shapes(s: BinnedSample, used: readonly number[], weight: Int32Array | null, o: CheckedOptions): number[] {
  const norm = truncatedMeanOf(s.window, weight, o);
  return used.map((b) => truncatedMeanOf(s.bins[b]!, weight, o) / norm);
}

/** Covariance of the shapes over Poisson-bootstrap replicas of the sample's tracks (replicas that empty a bin are redrawn). */
function bootstrapCovariance(s: BinnedSample, used: readonly number[], o: CheckedOptions, rng: RandomSource): number[][] {
  const p = used.length;
  const weight = new Int32Array(s.tracks);
  const rows: number[][] = [];
  for (let attempt = 0; rows.length < o.replicas && attempt < 4 * o.replicas; attempt++) {
    for (let t = 0; t < s.tracks; t++) weight[t] = poisson(rng, 1);
    const row = shapes(s, used, weight, o);
    if (row.every(Number.isFinite)) rows.push(row);
  }
  if (rows.length < o.replicas) throw new ValidationError(`dE/dx shape bootstrap: only ${rows.length} of ${o.replicas} replicas had hits in every bin: expected more tracks`);
  const mean = new Array<number>(p).fill(0);
  for (const row of rows) for (let i = 0; i < p; i++) mean[i]! += row[i]! / rows.length;
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const row of rows) {
    for (let i = 0; i < p; i++) {
      const di = row[i]! - mean[i]!;
      for (let j = 0; j <= i; j++) cov[i]![j]! += (di * (row[j]! - mean[j]!)) / (rows.length - 1);
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) cov[j]![i] = cov[i]![j]!;
  return cov;
}
