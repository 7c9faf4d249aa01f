import { ValidationError, type RandomSource } from '@nucal/core';
import { clsTemplatePoints, lsDetector } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import type { SourcePoint } from './calibration-point.js';
import { measureDarkNoise } from './dark-noise.js';
import { acuSourcePoints, clsSourcePoints, gtSourcePoints } from './default-points.js';
import { opticsMapFactory, type MapFactory } from './map-factory.js';
import { simulatePointData } from './point-data.js';
import { measurePointPeaks, surfaceFromPeaks, type PointPeak } from './point-map.js';
import type { ResponseMapLike } from './response-map.js';
import { clsTemplateStream } from './scenario-streams.js';
import type { ResponseOverrides } from './scenarios.js';
import { splineEvaluator } from './smoothing-spline-2d.js';
import { ToyConfigSchema, type ToyConfigInput } from './toy-config.js';

/** Options of {@link optimiseCalibrationPoints}. */
export interface OptimiseOptions {
  readonly seed?: string | number;
  /** CLS anchor pairs (degrees from +z) to compare (default five pairs around the geometry's 45/75). */
  readonly anchorPairsDeg?: readonly (readonly [number, number])[];
  /** CLS points to choose (default 200). */
  readonly clsCount?: number;
  /** n-H events per candidate point (default 3000). */
  readonly eventsPerPoint?: number;
  /** Equal-volume samples of the proxy (default 3000). */
  readonly proxySamples?: number;
  /** Candidates tried per greedy step (stochastic greedy; default 40). */
  readonly candidatesPerStep?: number;
  /** Random subsets per anchor pair when comparing pairs, and for the random baseline (default 10). */
  readonly randomSubsets?: number;
  readonly response?: ResponseOverrides;
  readonly toy?: ToyConfigInput;
  readonly mapFactory?: MapFactory;
}

/** Result of {@link optimiseCalibrationPoints}: plain data. */
export interface OptimiseResult {
  readonly anchorsDeg: [number, number];
  /** Proxy (percent) of each anchor pair: mean over random subsets of clsCount reachable points. */
  readonly anchorComparison: { anchorsDeg: [number, number]; reachable: number; meanProxyPct: number }[];
  /** ACU and GT points (always used). */
  readonly fixedPoints: SourcePoint[];
  /** The chosen CLS points in greedy order (a prefix of k is the best k found). */
  readonly clsOrder: SourcePoint[];
  /** Every template point the chosen anchors reach (the pool of the selection). */
  readonly reachable: SourcePoint[];
  /** Proxy after each greedy addition: clsOrder[0..k) -> proxyPct[k] (k = 0: fixed points only). */
  readonly proxyPct: number[];
  /** The proxy of random subsets of the same size as the greedy choice: mean and spread. */
  readonly randomProxyPct: { mean: number; sd: number; best: number };
  readonly seconds: number;
}

/**
 * Chooses the CLS anchors and ~200 CLS points (with the 27 ACU and 23 GT points fixed) that
 * make the finite-point map closest to the truth. A design study, so it may use the truth
 * map; the calibration itself never does.
 * - Every candidate point (the 1,300-point template, the ACU and GT points) is measured once
 *   with the n-H toy; a point set's map is the smoothing spline through its peaks.
 * - Proxy: the r.m.s. over `proxySamples` points uniform in volume of g_cal / g_true - 1
 *   (percent). It is the b term the residual map adds (b^2 ~ proxy^2), which dominates the
 *   change of a_eff = sqrt(a^2 + (1.6 b)^2 + (c/1.6)^2) between point sets.
 * - Anchors: the pair whose reachable points give the lowest mean proxy over random subsets.
 * - Points: stochastic greedy forward selection (each step tries `candidatesPerStep` random
 *   remaining candidates and keeps the best; B. Mirzasoleiman et al., "Lazier than lazy
 *   greedy", AAAI 2015), compared with random subsets of the same size.
 * The full a_eff of chosen sets comes from {@link runScenario} with their points.
 *
 * @example const opt = optimiseCalibrationPoints({ seed: 1 }); opt.clsOrder.slice(0, 150)
 */
export function optimiseCalibrationPoints(o: OptimiseOptions = {}): OptimiseResult {
  const t0 = performance.now();
  const seed = String(o.seed ?? 'uniformity');
  const rng = createRng(seed).fork('optimiser');
  const detector = lsDetector();
  const factory = o.mapFactory ?? opticsMapFactory;
  const map = factory(o.response ?? {}, createRng(seed).fork('detector'));
  const toy = ToyConfigSchema.parse(o.toy ?? {});
  const nCls = o.clsCount ?? 200;
  const pairs = o.anchorPairsDeg ?? [[30, 60], [45, 75], [45, 90], [60, 100], [75, 120]];
  const template = clsTemplatePoints(detector, clsTemplateStream());
  const fixed = [...acuSourcePoints(), ...gtSourcePoints(detector)];
  // every template point measured once, in the phi = 0 half-plane (the default truth map is
  // phi-symmetric; a loop's points keep their own half-plane in the returned order)
  const candidates: SourcePoint[] = template.map((p) => ({ system: 'CLS' as const, rCm: p.rCm, thetaRad: p.thetaRad, phiRad: 0 }));
  const all = [...fixed, ...candidates];
  const dark = measureDarkNoise(toy, rng.fork('dark-noise'));
  const data = simulatePointData(map, toy, all, o.eventsPerPoint ?? 3000, rng.fork('points'));
  const { peaks } = measurePointPeaks(data, dark.offsetPe, map.lsRadiusCm);
  const fixedPeaks = peaks.slice(0, fixed.length);
  const key = (p: { rCm: number; thetaRad: number }) => `${p.rCm.toFixed(3)}/${p.thetaRad.toFixed(6)}`;
  const peakOf = new Map(candidates.map((c, i) => [key(c), peaks[fixed.length + i]!]));
  const proxy = proxyOf(map, o.proxySamples ?? 3000, rng.fork('proxy'));
  const score = (chosen: readonly PointPeak[]) => proxy([...fixedPeaks, ...chosen]);
  const nRandom = o.randomSubsets ?? 10;

  const anchorComparison = pairs.map((pair) => {
    const reach = clsSourcePoints(detector, pair, template);
    const pool = reach.map((p) => peakOf.get(key(p))!);
    const draws = Array.from({ length: nRandom }, (_, k) => score(sample(pool, Math.min(nCls, pool.length), rng.fork(`anchors-${pair.join('-')}-${k}`))));
    return { anchorsDeg: [pair[0], pair[1]] as [number, number], reachable: reach.length, meanProxyPct: draws.reduce((s, x) => s + x, 0) / draws.length };
  });
  const best = anchorComparison.reduce((a, b) => (b.meanProxyPct < a.meanProxyPct ? b : a));
  const reach = clsSourcePoints(detector, best.anchorsDeg, template);
  if (reach.length < nCls) throw new ValidationError(`anchors ${best.anchorsDeg.join(', ')} reach ${reach.length} template points: expected at least ${nCls}`);
  const pool = reach.map((p, i) => ({ point: p, peak: peakOf.get(key(p))!, i }));

  const chosen: typeof pool = [];
  const remaining = new Set(pool.map((p) => p.i));
  const proxyPct = [score([])];
  const perStep = o.candidatesPerStep ?? 40;
  const greedyRng = rng.fork('greedy');
  for (let k = 0; k < nCls; k++) {
    const left = [...remaining];
    const tries = sample(left, Math.min(perStep, left.length), greedyRng);
    let bestI = tries[0]!;
    let bestS = Infinity;
    for (const i of tries) {
      const s = score([...chosen.map((c) => c.peak), pool[i]!.peak]);
      if (s < bestS) {
        bestS = s;
        bestI = i;
      }
    }
    chosen.push(pool[bestI]!);
    remaining.delete(bestI);
    proxyPct.push(bestS);
  }
  const randomDraws = Array.from({ length: nRandom }, (_, k) => score(sample(pool.map((p) => p.peak), nCls, rng.fork(`random-${k}`))));
  const mean = randomDraws.reduce((s, x) => s + x, 0) / randomDraws.length;
  const sd = Math.sqrt(randomDraws.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, randomDraws.length - 1));
  return {
    anchorsDeg: best.anchorsDeg,
    anchorComparison,
    fixedPoints: fixed,
    clsOrder: chosen.map((c) => c.point),
    reachable: reach,
    proxyPct,
    randomProxyPct: { mean, sd, best: Math.min(...randomDraws) },
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The proxy of a point set: r.m.s. (percent) of g_spline / g_true - 1 over points uniform in volume. */
function proxyOf(map: ResponseMapLike, n: number, rng: RandomSource): (peaks: readonly PointPeak[]) => number {
  const R = map.lsRadiusCm;
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  const gTrue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    u[i] = 2 * rng.uniform() - 1;
    v[i] = rng.uniform();
    const r = R * Math.cbrt(v[i]!);
    const phi = 2 * Math.PI * rng.uniform();
    const s = Math.sqrt(1 - u[i]! * u[i]!);
    gTrue[i] = map.peMeV(r * s * Math.cos(phi), r * s * Math.sin(phi), r * u[i]!) / map.centrePeMeV;
  }
  return (peaks) => {
    const g = splineEvaluator(surfaceFromPeaks(peaks, {}, false));
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const d = g(u[i]!, v[i]!) / gTrue[i]! - 1;
      s2 += d * d;
    }
    return 100 * Math.sqrt(s2 / n);
  };
}

/** k distinct elements drawn uniformly (partial Fisher-Yates). */
function sample<T>(items: readonly T[], k: number, rng: RandomSource): T[] {
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.uniform() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}
