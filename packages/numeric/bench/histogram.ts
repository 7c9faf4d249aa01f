/**
 * Fill throughput of the axis/storage histograms (Hist1D, Hist2D) against the deprecated
 * Histogram1D, measured in the same run with the candidates interleaved (round-robin, best of
 * the rounds each) so that load from other processes hits all of them alike.
 * Run alone: npx tsx bench/histogram.ts; bench/numeric.ts includes it.
 */
import { fileURLToPath } from 'node:url';
import { Hist1D, Hist2D, Histogram1D, createRng, integerAxis, normal, regularAxis, variableAxis } from '../src/index.js';

/** Millions of values per second for each candidate: best of `rounds` interleaved runs. */
function interleaved(rounds: number, n: number, candidates: Record<string, () => number>): Record<string, number> {
  const best: Record<string, number> = {};
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(candidates)) {
      const t0 = process.hrtime.bigint();
      sink += fn();
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      best[name] = Math.min(best[name] ?? Infinity, s);
    }
  }
  if (Number.isNaN(sink)) console.log(sink);
  return Object.fromEntries(Object.entries(best).map(([k, s]) => [k, Math.round(n / s / 1e4) / 100]));
}

/** The histogram figures, M values/s. */
export function histogramBench(): Record<string, unknown> {
  const N = 5_000_000;
  const rng = createRng('bench-hist');
  const xs = Float64Array.from({ length: N }, () => normal(rng, 5, 2));
  const ys = Float64Array.from({ length: N }, () => normal(rng, 2, 1));
  const ws = Float64Array.from({ length: N }, () => 0.5 + rng.uniform());
  const regular = regularAxis(100, 0, 10);
  const variable = variableAxis(Array.from({ length: 101 }, (_, i) => 10 * (i / 100) ** 1.5));
  const arrays = interleaved(9, N, {
    histogram1dFillArray: () => {
      const h = new Histogram1D(100, 0, 10);
      h.fillArray(xs);
      return h.integral();
    },
    doubleRegular: () => {
      const h = new Hist1D(regular);
      h.fillArray(xs);
      return h.sum();
    },
    weightRegular: () => {
      const h = new Hist1D(regular, { storage: 'weight' });
      h.fillArray(xs);
      return h.sum();
    },
    weightRegularWithWeights: () => {
      const h = new Hist1D(regular, { storage: 'weight' });
      h.fillArray(xs, ws);
      return h.sum();
    },
    doubleRegularChunked: () => {
      // the general path (index a chunk, then accumulate), forced by a scalar weight
      const h = new Hist1D(regular);
      h.fillArray(xs, 1);
      return h.sum();
    },
    doubleVariable: () => {
      const h = new Hist1D(variable);
      h.fillArray(xs);
      return h.sum();
    },
    doubleInteger: () => {
      const h = new Hist1D(integerAxis(0, 10));
      h.fillArray(xs);
      return h.sum();
    },
    meanProfile: () => {
      const h = new Hist1D(regular, { storage: 'mean' });
      h.fillArray(xs, ys);
      return h.sum();
    },
    hist2dDouble100x50: () => {
      const h = new Hist2D(regular, regularAxis(50, 0, 4));
      h.fillArray(xs, ys);
      return h.sum();
    },
  });
  const single = interleaved(5, N, {
    histogram1dFillPerValue: () => {
      const h = new Histogram1D(100, 0, 10);
      for (let i = 0; i < N; i++) h.fill(xs[i] as number);
      return h.integral();
    },
    hist1dFillPerValue: () => {
      const h = new Hist1D(regular);
      for (let i = 0; i < N; i++) h.fill(xs[i] as number);
      return h.sum();
    },
  });
  return {
    unit: 'M values/s (5M normal values, 100 bins; 2D 100 x 50)',
    ...arrays,
    ...single,
    ratioDoubleRegularToHistogram1D: +((arrays.doubleRegular as number) / (arrays.histogram1dFillArray as number)).toFixed(3),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(histogramBench(), null, 2));
