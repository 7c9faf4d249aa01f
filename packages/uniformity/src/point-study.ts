import type { PlotSpec, RandomSource } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { optimiseCalibrationPoints, type OptimiseOptions, type OptimiseResult } from './optimiser.js';
import { aEffVersusPointsPlot } from './plots.js';
import { runScenario, type RunScenarioOptions } from './run-scenario.js';
import type { ValueError } from './resolution-model.js';

/** Options of {@link pointStudy}. */
export interface PointStudyOptions {
  readonly optimise?: OptimiseOptions;
  /** Settings of the full a_eff runs (finite-points scenario; same seed for every point set). */
  readonly run?: RunScenarioOptions;
  /** CLS point counts at which the full a_eff is evaluated (default 0, 25, ..., 200). */
  readonly clsCounts?: readonly number[];
  /** Random subsets evaluated at the full size for comparison (default 3). */
  readonly randomSubsets?: number;
  /** Tolerance on a_eff (absolute, percent) for the smallest set (default 0.01). */
  readonly toleranceAbsPct?: number;
}

/** Result of {@link pointStudy}: plain data and the plot. */
export interface PointStudyResult {
  readonly optimiser: Omit<OptimiseResult, 'fixedPoints' | 'reachable'> & { reachable: number };
  /** Full a_eff (percent) against the total number of points (ACU + GT + the first k CLS points of the greedy order). */
  readonly greedy: { points: number; aEff: ValueError }[];
  /** Full a_eff of random CLS subsets of the largest size. */
  readonly random: { points: number; aEff: ValueError }[];
  /** The smallest greedy prefix with a_eff <= a_eff(largest) + tolerance (bisection between evaluated sizes). */
  readonly smallest: { points: number; aEff: ValueError; referencePoints: number; referenceAEff: ValueError; toleranceAbsPct: number };
  readonly plot: PlotSpec;
  readonly seconds: number;
}

/**
 * Calibration-point study: optimise the anchors and the CLS points
 * ({@link optimiseCalibrationPoints}), then evaluate the full a_eff (finite-points scenario)
 * against the number of points along the greedy order, compare with random subsets of the
 * full size, and find the smallest point set within `toleranceAbsPct` of the full set's a_eff.
 *
 * @example const study = pointStudy({ run: { eventsPerEnergy: 100_000 } }); study.smallest.points
 */
export function pointStudy(o: PointStudyOptions = {}): PointStudyResult {
  const t0 = performance.now();
  const opt = optimiseCalibrationPoints(o.optimise);
  const runOpts: RunScenarioOptions = { plots: false, ...o.run, ...(o.optimise?.mapFactory ? { mapFactory: o.optimise.mapFactory } : {}) };
  const nMax = opt.clsOrder.length;
  const counts = [...new Set([...(o.clsCounts ?? [0, 25, 50, 75, 100, 125, 150, 175, 200]).filter((k) => k <= nMax), nMax])].sort((a, b) => a - b);
  const cache = new Map<number, ValueError>();
  const evalK = (k: number): ValueError => {
    const hit = cache.get(k);
    if (hit) return hit;
    const a = runScenario('finite-points', { ...runOpts, points: [...opt.fixedPoints, ...opt.clsOrder.slice(0, k)] }).aEff;
    cache.set(k, a);
    return a;
  };
  const greedy = counts.map((k) => ({ points: opt.fixedPoints.length + k, aEff: evalK(k) }));
  const reference = evalK(nMax);
  const tol = o.toleranceAbsPct ?? 0.01;
  const ok = (k: number) => evalK(k).value <= reference.value + tol;
  // first evaluated size that passes, then bisection down to the previous (failing) one
  let hi = counts.find(ok) ?? nMax;
  let lo = counts[counts.indexOf(hi) - 1] ?? -1;
  while (hi - lo > 1 && lo >= 0) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  const rng: RandomSource = createRng(String(o.optimise?.seed ?? 'uniformity')).fork('study-random');
  const random = Array.from({ length: o.randomSubsets ?? 3 }, (_, k) => {
    const subset = drawSubset(opt.reachable, nMax, rng.fork(`subset-${k}`));
    return { points: opt.fixedPoints.length + nMax, aEff: runScenario('finite-points', { ...runOpts, points: [...opt.fixedPoints, ...subset] }).aEff };
  });
  const plot = aEffVersusPointsPlot([
    { label: 'greedy order', n: greedy.map((g) => g.points), aEff: greedy.map((g) => g.aEff.value), error: greedy.map((g) => g.aEff.error) },
    { label: 'random subsets', n: random.map((r) => r.points), aEff: random.map((r) => r.aEff.value), error: random.map((r) => r.aEff.error) },
  ]);
  return {
    optimiser: { anchorsDeg: opt.anchorsDeg, anchorComparison: opt.anchorComparison, clsOrder: opt.clsOrder, reachable: opt.reachable.length, proxyPct: opt.proxyPct, randomProxyPct: opt.randomProxyPct, seconds: opt.seconds },
    greedy,
    random,
    smallest: { points: opt.fixedPoints.length + hi, aEff: evalK(hi), referencePoints: opt.fixedPoints.length + nMax, referenceAEff: reference, toleranceAbsPct: tol },
    plot,
    seconds: (performance.now() - t0) / 1000,
  };
}

function drawSubset<T>(items: readonly T[], k: number, rng: RandomSource): T[] {
  const a = [...items];
  for (let i = 0; i < Math.min(k, a.length); i++) {
    const j = i + Math.floor(rng.uniform() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}
