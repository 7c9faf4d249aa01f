/**
 * Throughput of @nucal/numeric's hot paths, each with a baseline measured in the same run so
 * that a busy machine shows up in both (compare the ratios). Prints one JSON object.
 * Run: npm run bench -w @nucal/numeric (needs @nucal/core built: npx tsc -p packages/core/tsconfig.build.json).
 */
import { histogramBench } from './histogram.js';
import { LANDAU_MPV_STANDARD, chi2Fit, createRng, integrate, landau, landauPdf, langauMpv, langauPdfArray, normal, normalPdf, poisson } from '../src/index.js';

/** Best of `repeats` timings of fn (seconds), to damp noise from other processes. */
function best(repeats: number, fn: () => number): { seconds: number; sink: number } {
  let seconds = Infinity;
  let sink = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    sink += fn();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds, sink };
}

const N = 5_000_000;
const perSecond = (n: number, s: number): number => Math.round(n / s);

// (a) uniform deviates: seeded Alea stream vs Math.random (the unseeded V8 baseline)
const rng = createRng('bench');
const seeded = best(5, () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += rng.uniform();
  return s;
});
const builtin = best(5, () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += Math.random();
  return s;
});

// (b) samplers
const M = 1_000_000;
const normals = best(3, () => {
  let s = 0;
  for (let i = 0; i < M; i++) s += normal(rng);
  return s;
});
const poissonSmall = best(3, () => {
  let s = 0;
  for (let i = 0; i < M; i++) s += poisson(rng, 3);
  return s;
});
const poissonLarge = best(3, () => {
  let s = 0;
  for (let i = 0; i < M; i++) s += poisson(rng, 1000);
  return s;
});
const landaus = best(3, () => {
  let s = 0;
  for (let i = 0; i < M; i++) s += landau(rng);
  return s;
});

// (c) histogram filling: bench/histogram.ts (new axis/storage histograms against Histogram1D, interleaved)
const histogram = histogramBench();

// (d) a 4-parameter chi2 fit: Gaussian peak on a flat background, 40 points
const x = Array.from({ length: 40 }, (_, i) => 0.125 + i * 0.25);
const model = (t: number, p: Readonly<Record<'A' | 'mu' | 's' | 'B', number>>): number => p.A * Math.exp(-0.5 * ((t - p.mu) / p.s) ** 2) + p.B;
const truth = { A: 20, mu: 5, s: 0.8, B: 2 };
const fitRng = createRng('bench-fit');
const y = x.map((t) => model(t, truth) + normal(fitRng));
let calls = 0;
let valid = false;
const fitTime = best(20, () => {
  const fit = chi2Fit({
    x, y, sigma: x.map(() => 1), model,
    parameters: [
      { name: 'A', start: 16, step: 1 },
      { name: 'mu', start: 4.6, step: 0.2 },
      { name: 's', start: 1.1, step: 0.1, limits: [0.05, 5] },
      { name: 'B', start: 1.5, step: 0.3 },
    ],
  });
  calls = fit.calls;
  valid = fit.valid;
  return fit.chi2;
});

// Landau density: first call builds the spline table, later calls interpolate
const tableBuild = best(1, () => landauPdf(0.1));
const pdfEvals = best(3, () => {
  let s = 0;
  for (let i = 0; i < M; i++) s += landauPdf(-3 + (i % 3000) * 0.01);
  return s;
});

// Landau ⊗ Gauss: fixed-node quadrature per point, against the adaptive G7–K15 convolution it
// replaced (relTol 1e-7 over ±8σ, split at the MPV), at sigma/width 0.5 and 3
const langauPoints = Float64Array.from({ length: 40 }, (_, i) => 1.4 + 0.02 * i);
const adaptiveLangau = (x: number, mpv: number, width: number, sigma: number): number => {
  const location = mpv - LANDAU_MPV_STANDARD * width;
  const f = (xp: number): number => landauPdf(xp, location, width) * normalPdf(x - xp, 0, sigma);
  const opts = { relTol: 1e-7, absTol: 1e-14 / width };
  return integrate(f, x - 8 * sigma, mpv, opts) + integrate(f, mpv, x + 8 * sigma, opts);
};
const langauOut = new Float64Array(langauPoints.length);
const langauAt = (sigma: number): { seconds: number; sink: number } =>
  best(5, () => {
    let s = 0;
    for (let r = 0; r < 250; r++) s += langauPdfArray(langauPoints, 1.75, 0.1, sigma, langauOut)[7] as number;
    return s;
  });
const langauHalf = langauAt(0.05);
const langauThree = langauAt(0.3);
const adaptive = best(3, () => {
  let s = 0;
  for (let i = 0; i < langauPoints.length; i++) s += adaptiveLangau(langauPoints[i] as number, 1.75, 0.1, 0.05);
  return s;
});
const mpvRng = createRng('bench-langau');
const mpvSample = Float64Array.from({ length: 3000 }, () => landau(mpvRng, 1.8, 0.1) + normal(mpvRng, 0, 0.05));
const mpvFit = best(5, () => langauMpv(mpvSample).mpv);
const perPointUs = (t: { seconds: number }, points: number): number => +((t.seconds / points) * 1e6).toFixed(3);

console.log(
  JSON.stringify(
    {
      uniform: {
        createRngPerSecond: perSecond(N, seeded.seconds),
        mathRandomPerSecond: perSecond(N, builtin.seconds),
        ratioToMathRandom: +(builtin.seconds / seeded.seconds).toFixed(3),
      },
      samplers: {
        normalPerSecond: perSecond(M, normals.seconds),
        poissonMean3PerSecond: perSecond(M, poissonSmall.seconds),
        poissonMean1000PerSecond: perSecond(M, poissonLarge.seconds),
        landauPerSecond: perSecond(M, landaus.seconds),
      },
      histogram,
      minimize4Parameters: { wallMs: +(fitTime.seconds * 1e3).toFixed(3), calls, valid },
      landauPdf: { tableBuildMs: +(tableBuild.seconds * 1e3).toFixed(1), evalsPerSecond: perSecond(M, pdfEvals.seconds) },
      langau: {
        quadratureUsPerPointSigmaOverWidth05: perPointUs(langauHalf, 250 * langauPoints.length),
        quadratureUsPerPointSigmaOverWidth3: perPointUs(langauThree, 250 * langauPoints.length),
        adaptiveUsPerPointSigmaOverWidth05: perPointUs(adaptive, langauPoints.length),
        speedupOverAdaptive: +(adaptive.seconds / langauPoints.length / (langauHalf.seconds / (250 * langauPoints.length))).toFixed(0),
        langauMpvFitMs3000Values: +(mpvFit.seconds * 1e3).toFixed(2),
      },
    },
    null,
    2,
  ),
);
