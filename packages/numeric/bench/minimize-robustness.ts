/**
 * Convergence of `minimize` on two hard seeded toy families (src/fit/robustness-toys.ts; the
 * README's robustness table):
 * 1. intrinsic Gaussian width near its lower limit (true 0.02, error ~0.1, limits [0, 2]); -ln L
 *    from s = 0 (at the limit), 0.3 and 1, and again from where the first fit ended;
 * 2. exponential q0 exp(-t lambda) with q0 and lambda ~94% correlated, started from the weighted
 *    log-linear fit with steps of one marginal error; under strategies 0, 1 and 2.
 * Baseline in the same run: the well-conditioned 4-parameter Gaussian-peak fit of the unit tests.
 * Prints one JSON object. Run: npx tsx --tsconfig tsconfig.json bench/minimize-robustness.ts [toys]
 */
import { chi2Fit, createRng, minimize, normal, type FitResult } from '../src/index.js';
import { correlatedExponentialToy, intrinsicWidthToy } from '../src/fit/robustness-toys.js';

const N = Number(process.argv[2] ?? 500);

interface Tally { toys: number; valid: number; recovered: number; calls: number; failures: Record<string, number> }
const tally = (): Tally => ({ toys: 0, valid: 0, recovered: 0, calls: 0, failures: {} });
function count<P extends string>(t: Tally, fit: FitResult<P>): void {
  t.toys++;
  t.calls += fit.calls;
  if (fit.valid) {
    t.valid++;
    if (fit.message.includes('(after:')) t.recovered++;
    return;
  }
  const reason = fit.message.replace(/\(edm [^)]*\)/, '').replace(/;.*$/, '').trim();
  t.failures[reason] = (t.failures[reason] ?? 0) + 1;
}
const report = (t: Tally) => ({ toys: t.toys, valid: t.valid, validAfterRecovery: t.recovered, rate: +(t.valid / t.toys).toFixed(4), meanCalls: Math.round(t.calls / t.toys), failures: t.failures });

const width = { fromS0: tally(), fromS03: tally(), fromS1: tally(), restartFromResult: tally() };
let atLimit = 0;
let worstDeltaF = 0;
let worstLimitErrorRatio = 0;
for (let k = 0; k < N; k++) {
  const toy = intrinsicWidthToy(`width-${k}`);
  const fit = (start: { mu: number; s: number }) => minimize(toy.nll, toy.parameters(start), { errorDef: 0.5 });
  const fits = [fit({ mu: 0.8, s: 0 }), fit({ mu: 0.8, s: 0.3 }), fit({ mu: 0.8, s: 1 })];
  fits.push(fit(fits[0]!.values));
  [width.fromS0, width.fromS03, width.fromS1, width.restartFromResult].forEach((t, i) => count(t, fits[i]!));
  // Every start must find the same minimum.
  const fMin = Math.min(...fits.map((f) => f.chi2));
  worstDeltaF = Math.max(worstDeltaF, ...fits.map((f) => f.chi2 - fMin));
  const first = fits[0]!;
  if (first.atLimit.length > 0) {
    atLimit++;
    // At s = 0 the function depends on s² only: d²f/ds² = Σ(1/e² - r²/e⁴), error 1/sqrt of it (errorDef 0.5);
    // compared where that curvature dominates the quartic term (> 15).
    let c = 0;
    for (let i = 0; i < toy.x.length; i++) c += 1 / toy.e[i]! ** 2 - (toy.x[i]! - first.values.mu) ** 2 / toy.e[i]! ** 4;
    if (c > 15) worstLimitErrorRatio = Math.max(worstLimitErrorRatio, Math.abs(first.errors.s * Math.sqrt(c) - 1));
  }
}

const exponential = { strategy0: tally(), strategy1: tally(), strategy2: tally() };
let rho = 0;
for (let k = 0; k < N; k++) {
  const toy = correlatedExponentialToy(`exp-${k}`);
  ([0, 1, 2] as const).forEach((strategy) => {
    const fit = chi2Fit({ x: toy.t, y: toy.y, sigma: toy.sigma, model: toy.model, parameters: toy.parameters, options: { strategy } });
    count([exponential.strategy0, exponential.strategy1, exponential.strategy2][strategy]!, fit);
    if (strategy === 1) rho += fit.correlation[0]![1]! / N;
  });
}

const peak = tally();
const xs = Array.from({ length: 40 }, (_, i) => 0.125 + i * 0.25);
for (let k = 0; k < N; k++) {
  const rng = createRng(`peak-${k}`);
  const model = (t: number, p: Readonly<Record<'A' | 'mu' | 's' | 'B', number>>) => p.A * Math.exp(-0.5 * ((t - p.mu) / p.s) ** 2) + p.B;
  const y = xs.map((t) => model(t, { A: 20, mu: 5, s: 0.8, B: 2 }) + normal(rng));
  count(peak, chi2Fit({
    x: xs, y, sigma: xs.map(() => 1), model,
    parameters: [{ name: 'A', start: 16, step: 1 }, { name: 'mu', start: 4.6, step: 0.2 }, { name: 's', start: 1.1, step: 0.1, limits: [0.05, 5] }, { name: 'B', start: 1.5, step: 0.3 }],
  }));
}

console.log(JSON.stringify({
  widthNearLimit: {
    ...Object.fromEntries(Object.entries(width).map(([k, t]) => [k, report(t)])),
    atLimitFromS0: atLimit,
    worstDeltaFAcrossStarts: +worstDeltaF.toExponential(2),
    worstAtLimitErrorVsCurvature: +worstLimitErrorRatio.toExponential(2),
  },
  correlatedExponential: { ...Object.fromEntries(Object.entries(exponential).map(([k, t]) => [k, report(t)])), meanCorrelation: +rho.toFixed(3) },
  baselinePeakFit: report(peak),
}));
