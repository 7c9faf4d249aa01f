import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from './rng.js';
import { uniformIn } from './uniform-in.js';
import { normal } from './normal.js';
import { exponential } from './exponential.js';
import { poisson } from './poisson.js';
import { binomial } from './binomial.js';
import { gammaVariate } from './gamma.js';
import { landau, LANDAU_MPV_STANDARD } from './landau.js';
import { weightedIndex } from './weighted-index.js';
import { TabulatedSampler, tabulatedSampler } from './tabulated-sampler.js';
import { logFactorial } from '../special/log-gamma.js';

const N = 200_000;

/**
 * Checks sample mean and variance against theory. Tolerances are 5 standard errors from the
 * sample size: sigma/sqrt(n) for the mean and sigma^2 sqrt((kurtosis - 1)/n) for the variance
 * (kurtosis = mu4/sigma^4, given per distribution).
 */
function expectMoments(draw: () => number, mean: number, variance: number, kurtosis: number, n = N): void {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const m = s / n;
  const v = (s2 - n * m * m) / (n - 1);
  expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
  expect(Math.abs(v - variance)).toBeLessThan(5 * variance * Math.sqrt((kurtosis - 1) / n));
}

/** Pearson chi2 of integer draws against a pmf, merging tail bins until each expects >= 5. */
function poissonChi2(draw: () => number, logPmf: (k: number) => number, n: number): { chi2: number; ndof: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const kMax = Math.max(...keys) + 1;
  let chi2 = 0;
  let bins = 0;
  let accObs = 0;
  let accExp = 0;
  let expSoFar = 0;
  for (let k = 0; k <= kMax; k++) {
    const e = n * Math.exp(logPmf(k));
    expSoFar += e;
    accObs += counts.get(k) ?? 0;
    accExp += e;
    if (accExp >= 5 && n - expSoFar >= 5) {
      chi2 += (accObs - accExp) ** 2 / accExp;
      bins++;
      accObs = 0;
      accExp = 0;
    }
  }
  // everything above: the remaining tail probability
  let restObs = accObs;
  for (const [k, c] of counts) if (k > kMax) restObs += c;
  const restExp = n - expSoFar + accExp;
  chi2 += (restObs - restExp) ** 2 / restExp;
  bins++;
  return { chi2, ndof: bins - 1 };
}

describe('samplers: moments against theory (5 standard errors at n = 200k)', () => {
  const rng = createRng('moments');
  it('uniformIn', () => expectMoments(() => uniformIn(rng, -2, 4), 1, 36 / 12, 1.8));
  it('normal', () => expectMoments(() => normal(rng, 3, 2), 3, 4, 3));
  it('normal on a plain RandomSource (no spare caching)', () => {
    const inner = createRng('plain');
    const plain = { seed: 'plain', uniform: () => inner.uniform(), fork: (l: string) => inner.fork(l) };
    expectMoments(() => normal(plain, -1, 0.5), -1, 0.25, 3, 50_000);
  });
  it('exponential', () => expectMoments(() => exponential(rng, 2.5), 2.5, 6.25, 9));
  for (const mu of [0.3, 4, 9.99, 10, 37.5, 1e3, 1e7]) {
    it(`poisson mean ${mu}`, () => expectMoments(() => poisson(rng, mu), mu, mu, 3 + 1 / mu));
  }
  for (const [n, p] of [[10, 0.3], [1000, 0.004], [200, 0.5], [5000, 0.93], [1e6, 0.2]] as const) {
    it(`binomial n=${n} p=${p}`, () => {
      const q = 1 - p;
      expectMoments(() => binomial(rng, n, p), n * p, n * p * q, 3 + (1 - 6 * p * q) / (n * p * q));
    });
  }
  for (const [k, theta] of [[0.3, 2], [1, 1], [2.5, 0.4], [100, 0.01]] as const) {
    it(`gammaVariate shape=${k} scale=${theta}`, () =>
      expectMoments(() => gammaVariate(rng, k, theta), k * theta, k * theta * theta, 3 + 6 / k));
  }
  it('tabulatedSampler: triangular density on [0, 2]', () => {
    const tri = tabulatedSampler(new Float64Array([0, 1, 2]), new Float64Array([0, 1, 0]));
    // symmetric triangle on [a, b]: variance (b-a)^2/24, kurtosis 2.4
    expectMoments(() => tri(rng), 1, 4 / 24, 2.4);
  });
  it('poisson(0) is 0 and bad means throw', () => {
    expect(poisson(rng, 0)).toBe(0);
    expect(() => poisson(rng, -1)).toThrow(ValidationError);
    expect(() => poisson(rng, Number.NaN)).toThrow(/mean NaN/);
  });
  it('binomial edge cases', () => {
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 7, 1)).toBe(7);
    expect(binomial(rng, 7, 0)).toBe(0);
    expect(() => binomial(rng, 2.5, 0.5)).toThrow(ValidationError);
    expect(() => binomial(rng, 3, 1.5)).toThrow(/p = 1.5/);
  });
});

describe('poisson: chi2 goodness of fit to the exact pmf', () => {
  // Rejection threshold ndof + 5 sqrt(2 ndof): a 5-sigma-like bound on the chi2 distribution.
  for (const mu of [2.2, 15, 250, 4e4]) {
    it(`mean ${mu}`, () => {
      const rng = createRng(`chi2-${mu}`);
      const logMu = Math.log(mu);
      const r = poissonChi2(() => poisson(rng, mu), (k) => -mu + k * logMu - logFactorial(k), 200_000);
      expect(r.ndof).toBeGreaterThan(3);
      expect(r.chi2).toBeLessThan(r.ndof + 5 * Math.sqrt(2 * r.ndof));
    });
  }
});

describe('landau', () => {
  /*
   * Quantiles of the standard Landau distribution φ(λ) (CERNLIB convention), computed from
   * Nolan's integral for the stable law α = 1, β = 1 (J.P. Nolan, Commun. Statist.-Stochastic
   * Models 13 (1997) 759, Theorem 1) and checked to 1e-10 against the Landau (1944) Laplace
   * integral φ(λ) = (1/π) ∫ exp(-t ln t - λt) sin(πt) dt; see density/density.test.ts.
   */
  const quantiles: [number, number][] = [
    [0.1, -1.0922545],
    [0.25, -0.2046407],
    [0.5, 1.3557804],
    [0.75, 4.4583946],
    [0.9, 11.6492847],
  ];
  it('empirical CDF at the standard quantiles within 5 binomial standard errors (n = 200k)', () => {
    const rng = createRng('landau');
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = landau(rng);
    for (const [p, q] of quantiles) {
      let below = 0;
      for (let i = 0; i < N; i++) if ((xs[i] as number) < q) below++;
      expect(Math.abs(below / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
  });
  it('location and scale: landau(rng, m, s) = m + s * standard, MPV at m - 0.22278 s', () => {
    const a = createRng('ls');
    const b = createRng('ls');
    for (let i = 0; i < 100; i++) expect(landau(a, 10, 0.5)).toBeCloseTo(10 + 0.5 * landau(b), 12);
    expect(LANDAU_MPV_STANDARD).toBeCloseTo(-0.22278, 5);
    expect(() => landau(a, 0, 0)).toThrow(ValidationError);
  });
});

describe('weightedIndex', () => {
  it('draws indices with frequencies proportional to the weights, never a zero weight', () => {
    const rng = createRng('wi');
    const weights = [0.1, 0, 0.4, 0.2, 0.3];
    const cum = new Float64Array(weights.length);
    weights.reduce((acc, w, i) => (cum[i] = acc + w), 0);
    const counts = new Array<number>(weights.length).fill(0);
    for (let i = 0; i < N; i++) counts[weightedIndex(rng, cum)]! += 1;
    expect(counts[1]).toBe(0);
    weights.forEach((w, i) => {
      expect(Math.abs((counts[i] as number) / N - w)).toBeLessThan(5 * Math.sqrt((w * (1 - w)) / N) + 1e-12);
    });
    expect(() => weightedIndex(rng, new Float64Array(0))).toThrow(ValidationError);
  });
});

describe('TabulatedSampler', () => {
  it('quantile inverts the piecewise-quadratic CDF exactly', () => {
    // pdf rising linearly f(x) = x on [0, 1]: CDF x^2, so quantile(u) = sqrt(u)
    const s = new TabulatedSampler(new Float64Array([0, 0.5, 1]), new Float64Array([0, 0.5, 1]));
    for (const u of [0, 0.01, 0.25, 0.5, 0.9, 1]) expect(s.quantile(u)).toBeCloseTo(Math.sqrt(u), 12);
    expect(s.total).toBeCloseTo(0.5, 14);
  });
  it('validates the table', () => {
    expect(() => new TabulatedSampler(new Float64Array([0, 0]), new Float64Array([1, 1]))).toThrow(/strictly increasing/);
    expect(() => new TabulatedSampler(new Float64Array([0, 1]), new Float64Array([1, -1]))).toThrow(/pdf\[1\] = -1/);
    expect(() => new TabulatedSampler(new Float64Array([0, 1]), new Float64Array([0, 0]))).toThrow(/integrates to 0/);
  });
});

describe('reproducibility', () => {
  it('every sampler gives the same values for the same seed', () => {
    const run = (): number[] => {
      const r = createRng('repro');
      return [normal(r), poisson(r, 3), poisson(r, 300), binomial(r, 100, 0.4), gammaVariate(r, 2, 1), landau(r), exponential(r, 1)];
    };
    expect(run()).toEqual(run());
  });
});
