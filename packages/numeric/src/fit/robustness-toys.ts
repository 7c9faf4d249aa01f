/**
 * Two hard seeded fit families for the minimiser's robustness tests and its benchmark
 * (`bench/minimize-robustness.ts`); internal, not exported from the package.
 */
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';
import type { ParameterSpec } from './minimize.js';

/** Values x_i ~ N(mu, sqrt(e_i² + s²)) with known e_i; fit mu and the intrinsic width s. */
export interface IntrinsicWidthToy {
  readonly x: Float64Array;
  readonly e: Float64Array;
  /** -ln L (errorDef 0.5) up to a constant. */
  readonly nll: (p: Readonly<Record<'mu' | 's', number>>) => number;
  /** mu free, s limited to [0, 2], from the given start. */
  readonly parameters: (start: { mu: number; s: number }) => ParameterSpec<'mu' | 's'>[];
}

/**
 * 100 values, e_i uniform in [0.5, 1.5], mu = 1 and a true width of 0.02 (its error is about
 * 0.1): the maximum-likelihood width sits at the limit s = 0 in about 40% of the toys.
 *
 * @example
 * const toy = intrinsicWidthToy('width-3');
 * minimize(toy.nll, toy.parameters({ mu: 0.8, s: 0 }), { errorDef: 0.5 });
 */
export function intrinsicWidthToy(seed: string, trueWidth = 0.02): IntrinsicWidthToy {
  const rng = createRng(seed);
  const e = Float64Array.from({ length: 100 }, () => 0.5 + rng.uniform());
  const x = Float64Array.from(e, (ei) => normal(rng, 1, Math.sqrt(ei * ei + trueWidth * trueWidth)));
  return {
    x,
    e,
    nll: (p) => {
      let sum = 0;
      for (let i = 0; i < x.length; i++) {
        const v = (e[i] as number) ** 2 + p.s * p.s;
        sum += 0.5 * (((x[i] as number) - p.mu) ** 2 / v + Math.log(v));
      }
      return sum;
    },
    parameters: (start) => [
      { name: 'mu', start: start.mu, step: 0.1 },
      { name: 's', start: start.s, step: 0.1, limits: [0, 2] },
    ],
  };
}

/** An exponential profile q0 exp(-t lambda / 1000) and its start from a weighted log-linear fit. */
export interface CorrelatedExponentialToy {
  readonly t: number[];
  readonly y: number[];
  readonly sigma: number[];
  readonly truth: { readonly q0: number; readonly lambda: number };
  readonly model: (t: number, p: Readonly<Record<'q0' | 'lambda', number>>) => number;
  /** Start at the log-linear fit, steps of one marginal error (as tpc-drift's lifetime fit did). */
  readonly parameters: ParameterSpec<'q0' | 'lambda'>[];
}

/**
 * 9 drift-time bins over [300, 2250] us (positions jittered), q0 = 250, tau = 8 ms, errors
 * 0.5 + 3u² with u the position from the middle of the range in units of its length (smallest
 * mid-drift, as the per-bin estimators of a cosmic-muon sample): q0 at t = 0 and lambda are
 * about 94% correlated.
 *
 * @example
 * const toy = correlatedExponentialToy('exp-3');
 * chi2Fit({ x: toy.t, y: toy.y, sigma: toy.sigma, model: toy.model, parameters: toy.parameters });
 */
export function correlatedExponentialToy(seed: string): CorrelatedExponentialToy {
  const rng = createRng(seed);
  const truth = { q0: 250, lambda: 1 / 8 };
  const model = (t: number, p: Readonly<Record<'q0' | 'lambda', number>>): number => p.q0 * Math.exp((-t * p.lambda) / 1000);
  const t = Array.from({ length: 9 }, (_, i) => 300 + (1950 * (i + 0.3 + 0.4 * rng.uniform())) / 9);
  const sigma = t.map((ti) => 0.5 + 3 * ((ti - 1275) / 1950) ** 2);
  const y = t.map((ti, i) => model(ti, truth) + normal(rng, 0, sigma[i] as number));
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < t.length; i++) {
    const w = ((y[i] as number) / (sigma[i] as number)) ** 2;
    const lx = (t[i] as number) / 1000;
    const ly = Math.log(y[i] as number);
    sw += w;
    sx += w * lx;
    sy += w * ly;
    sxx += w * lx * lx;
    sxy += w * lx * ly;
  }
  const det = sw * sxx - sx * sx;
  const slope = (sw * sxy - sx * sy) / det;
  const q0 = Math.exp((sy - slope * sx) / sw);
  return {
    t,
    y,
    sigma,
    truth,
    model,
    parameters: [
      { name: 'q0', start: q0, step: q0 * Math.sqrt(sxx / det) },
      { name: 'lambda', start: -slope, step: Math.sqrt(sw / det) },
    ],
  };
}
