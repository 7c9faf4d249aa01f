/**
 * Benchmark of @nucal/tpc-drift: the electron-lifetime fit on 1e5 hits (both estimators) and
 * dE/dx <-> dQ/dx conversions per second, each with a baseline measured in the same run so
 * that the ratios survive a noisy machine. Prints one JSON object.
 *
 * Run: npm run bench -w @nucal/tpc-drift
 */
import { createRng } from '@nucal/numeric';
import {
  MODIFIED_BOX_ARGONEUT,
  BIRKS_ICARUS,
  dEdxFromdQdxArray,
  dQdxFromdEdxArray,
  fitLifetimes,
  larDensityGPerCm3,
  simulateLifetimeHits,
} from '@nucal/tpc-drift';

function best(repeats: number, f: () => void): number {
  let min = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const HITS = 100_000;
// One TPC's worth of hits: the fit cost per TPC is what a calibration job pays.
const { hits } = simulateLifetimeHits({ lifetimesMs: [5, 5, 5, 5], hitsPerTpc: HITS / 4 }, createRng('bench'));

// Baseline for the fit: sorting the same number of doubles (what a truncated mean must do).
const values = Float64Array.from(hits.dQdx);
const sortMs = best(5, () => Float64Array.from(values).sort());
const truncatedMs = best(5, () => fitLifetimes(hits, { estimator: 'truncated-mean' }));
const mpvMs = best(3, () => fitLifetimes(hits, { estimator: 'langau-mpv' }));

// Conversions: 1e6 values through each model both ways, against a loop of one log and one
// exp per value (the floating-point core of the Box model).
const N = 1_000_000;
const rng = createRng('conv');
const dEdx = Float64Array.from({ length: N }, () => 1.5 + 10 * rng.uniform());
const medium = { fieldKvPerCm: 0.5, densityGPerCm3: larDensityGPerCm3(87) };
const q = new Float64Array(N);
const e = new Float64Array(N);
let sink = 0;
const baselineMs = best(5, () => {
  for (let i = 0; i < N; i++) q[i] = Math.exp(Math.log(0.93 + 0.3 * dEdx[i]!) * 0.5);
  sink += q[N - 1]!;
});
const boxMs = best(5, () => {
  dQdxFromdEdxArray(MODIFIED_BOX_ARGONEUT, dEdx, medium, q);
  dEdxFromdQdxArray(MODIFIED_BOX_ARGONEUT, q, medium, e);
});
const birksMs = best(5, () => {
  dQdxFromdEdxArray(BIRKS_ICARUS, dEdx, medium, q);
  dEdxFromdQdxArray(BIRKS_ICARUS, q, medium, e);
});

const perSecond = (ms: number, n: number): number => Math.round((n / ms) * 1000);
console.log(
  JSON.stringify({
    benchmark: '@nucal/tpc-drift',
    node: process.version,
    lifetimeFit: {
      hits: hits.tpc.length,
      tpcs: 4,
      bins: 10,
      truncatedMeanMs: +truncatedMs.toFixed(1),
      langauMpvMs: +mpvMs.toFixed(1),
      baselineSortMs: +sortMs.toFixed(2),
      truncatedMeanOverSort: +(truncatedMs / sortMs).toFixed(1),
      langauMpvOverSort: +(mpvMs / sortMs).toFixed(1),
    },
    conversions: {
      values: N,
      boxRoundTripsPerS: perSecond(boxMs, N),
      birksRoundTripsPerS: perSecond(birksMs, N),
      baselineLogExpPerS: perSecond(baselineMs, N),
      boxOverBaseline: +(baselineMs / boxMs).toFixed(2),
      birksOverBaseline: +(baselineMs / birksMs).toFixed(2),
    },
    sink: sink > 0,
  }),
);
