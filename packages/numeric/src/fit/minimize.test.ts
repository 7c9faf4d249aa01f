import { describe, expect, it } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { FitSummarySchema, ValidationError, type FitSummary } from '@nucal/core';
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';
import { minimize } from './minimize.js';
import { chi2Fit } from './chi2-fit.js';
import { toFitSummary } from './fit-result.js';

describe('minimize: linear model closure against the analytic least-squares solution', () => {
  it('values and covariance agree with (XᵀWX)⁻¹XᵀWy to 1e-5 relative', () => {
    const rng = createRng('linear');
    const x = Array.from({ length: 30 }, (_, i) => i * 0.5);
    const sigma = x.map((xi) => 0.5 + 0.05 * xi);
    const y = x.map((xi, i) => 1.5 - 0.7 * xi + normal(rng, 0, sigma[i] as number));
    const fit = chi2Fit({ x, y, sigma, model: (t, p) => p.a + p.b * t, parameters: [{ name: 'a', start: 0 }, { name: 'b', start: 0 }] });
    // analytic weighted least squares with ml-matrix, an independent implementation
    const X = new Matrix(x.map((xi) => [1, xi]));
    const W = Matrix.diag(sigma.map((s) => 1 / (s * s)));
    const cov = inverse(X.transpose().mmul(W).mmul(X));
    const beta = cov.mmul(X.transpose()).mmul(W).mmul(Matrix.columnVector(y));
    expect(fit.valid).toBe(true);
    expect(fit.accurateCovariance).toBe(true);
    expect(Math.abs(fit.values.a - beta.get(0, 0))).toBeLessThan(1e-5 * fit.errors.a);
    expect(Math.abs(fit.values.b - beta.get(1, 0))).toBeLessThan(1e-5 * fit.errors.b);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const ref = cov.get(i, j);
        expect(Math.abs((fit.covariance[i]![j]! - ref) / Math.sqrt(cov.get(i, i) * cov.get(j, j)))).toBeLessThan(1e-5);
      }
    }
    const r = y.reduce((s, yi, i) => s + ((yi - beta.get(0, 0) - beta.get(1, 0) * x[i]!) / sigma[i]!) ** 2, 0);
    expect(fit.chi2).toBeCloseTo(r, 8);
    expect(fit.ndof).toBe(28);
    expect(fit.correlation[0]![1]!).toBeCloseTo(cov.get(0, 1) / Math.sqrt(cov.get(0, 0) * cov.get(1, 1)), 5);
    expect(fit.correlation[0]![0]!).toBe(1);
  });
});

describe('minimize: convergence', () => {
  it('finds the Rosenbrock minimum (1, 1) from (-1.2, 1)', () => {
    const fit = minimize(
      (p) => 100 * (p.y - p.x * p.x) ** 2 + (1 - p.x) ** 2,
      [{ name: 'x', start: -1.2, step: 0.1 }, { name: 'y', start: 1, step: 0.1 }],
      { tolerance: 1e-3 },
    );
    expect(fit.valid).toBe(true);
    expect(Math.abs(fit.values.x - 1)).toBeLessThan(1e-2);
    expect(Math.abs(fit.values.y - 1)).toBeLessThan(2e-2);
    expect(fit.chi2).toBeLessThan(1e-4);
    expect(fit.edm).toBeLessThan(0.002 * 1e-3);
    // Hessian at (1,1) is [[802,-400],[-400,200]]; covariance 2 H^-1 = [[1, 2], [2, 4.01]]
    expect(fit.covariance[0]![0]!).toBeCloseTo(1, 1);
    expect(fit.covariance[1]![1]!).toBeCloseTo(4.01, 1);
  });

  it('uses errorDef: 0.5 for -ln L gives the error sigma/sqrt(n) of a Gaussian mean', () => {
    const rng = createRng('nll');
    const data = Array.from({ length: 400 }, () => normal(rng, 3, 2));
    const fit = minimize((p) => data.reduce((s, d) => s + 0.5 * ((d - p.mu) / 2) ** 2, 0), [{ name: 'mu', start: 0, step: 1 }], { errorDef: 0.5 });
    const mean = data.reduce((s, d) => s + d, 0) / data.length;
    expect(fit.values.mu).toBeCloseTo(mean, 6);
    expect(fit.errors.mu).toBeCloseTo(2 / Math.sqrt(400), 6);
  });
});

describe('minimize: limits and fixed parameters', () => {
  it('never evaluates outside the limits and reports a parameter at its limit', () => {
    let outside = 0;
    const fit = minimize(
      (p) => {
        if (p.a < 0 || p.a > 2 || p.b < 1) outside++;
        return (p.a - 5) ** 2 + (p.b - 3) ** 2;
      },
      [{ name: 'a', start: 1, limits: [0, 2] }, { name: 'b', start: 2, limits: [1, Infinity] }],
    );
    expect(outside).toBe(0);
    expect(fit.values.a).toBeGreaterThan(2 - 1e-3 * 2);
    expect(fit.values.a).toBeLessThanOrEqual(2);
    // converged means edm < 2e-4, i.e. within ~0.02 sigma of the minimum (sigma_b = 1)
    expect(Math.abs(fit.values.b - 3)).toBeLessThan(0.05 * fit.errors.b);
    expect(fit.errors.b).toBeCloseTo(1, 2);
    expect(fit.atLimit).toEqual(['a']);
    expect(fit.message).toMatch(/at limit: a/);
  });

  it('leaves fixed parameters at their start, with zero covariance rows', () => {
    const seen = new Set<number>();
    const fit = minimize(
      (p) => {
        seen.add(p.c);
        return (p.a - 1) ** 2 + (p.b + p.c) ** 2 / 0.25;
      },
      [{ name: 'a', start: 0 }, { name: 'c', start: 0.75, fixed: true }, { name: 'b', start: 0 }],
    );
    expect([...seen]).toEqual([0.75]);
    expect(fit.values.c).toBe(0.75);
    expect(fit.errors.c).toBe(0);
    expect(fit.covariance[1]).toEqual([0, 0, 0]);
    expect(fit.covariance.map((r) => r[1])).toEqual([0, 0, 0]);
    expect(fit.values.b).toBeCloseTo(-0.75, 5);
    expect(fit.errors.b).toBeCloseTo(0.5, 5);
    expect(fit.errors.a).toBeCloseTo(1, 5);
  });

  it('fits inside a two-sided limit with errors carried through the transform', () => {
    const fit = minimize((p) => ((p.a - 0.3) / 0.05) ** 2, [{ name: 'a', start: 0.9, limits: [0, 1] }]);
    expect(Math.abs(fit.values.a - 0.3)).toBeLessThan(0.05 * 0.05);
    expect(fit.errors.a).toBeCloseTo(0.05, 3);
    expect(fit.atLimit).toEqual([]);
  });
});

describe('minimize: validity flags', () => {
  it('is not valid when the Hessian is singular (degenerate parameters)', () => {
    const fit = minimize((p) => (p.a + p.b - 1) ** 2, [{ name: 'a', start: 0 }, { name: 'b', start: 0 }]);
    expect(fit.values.a + fit.values.b).toBeCloseTo(1, 4);
    expect(fit.valid).toBe(false);
    expect(fit.accurateCovariance).toBe(false);
    expect(fit.message).toMatch(/not positive definite/);
  });

  it('is not valid when the call limit is reached', () => {
    const fit = minimize((p) => 100 * (p.y - p.x * p.x) ** 2 + (1 - p.x) ** 2, [{ name: 'x', start: -1.2 }, { name: 'y', start: 1 }], { maxCalls: 30 });
    expect(fit.valid).toBe(false);
    expect(fit.message).toMatch(/call limit 30/);
  });

  it('rejects bad specifications with messages naming the value', () => {
    const f = (): number => 0;
    expect(() => minimize(f, [{ name: 'a', start: 5, limits: [0, 1] }])).toThrow(/'a' start 5 outside its limits \[0, 1\]/);
    expect(() => minimize(f, [{ name: 'a', start: 0 }, { name: 'a', start: 1 }])).toThrow(ValidationError);
    expect(() => minimize(f, [{ name: 'a', start: 0, limits: [1, 0] }])).toThrow(/expected lo < hi/);
    expect(() => minimize(() => Number.NaN, [{ name: 'a', start: 0 }])).toThrow(/not finite at the start/);
  });
});

describe('toFitSummary', () => {
  it('gives exactly core FitSummary, and FitResult is assignable to it', () => {
    const fit = minimize((p) => (p.a - 1) ** 2 + 3, [{ name: 'a', start: 0 }], { nData: 5 });
    const asSummary: FitSummary = fit; // compile-time assignability
    expect(asSummary.ndof).toBe(4);
    const s = toFitSummary(fit);
    expect(FitSummarySchema.strict().parse(s)).toEqual(s);
    expect(Object.keys(s).sort()).toEqual(['accurateCovariance', 'chi2', 'covariance', 'errors', 'ndof', 'parameters', 'valid', 'values']);
    const negative = minimize((p) => (p.a - 1) ** 2 - 3, [{ name: 'a', start: 0 }]);
    expect(() => toFitSummary(negative)).toThrow(/function value -3/);
  });
});

describe('pull study: Gaussian peak on a flat background, 200 seeded toys', () => {
  /*
   * 40 points on [0, 10], sigma_y = 1, truth A = 20, mu = 5, s = 0.8, B = 2. For N = 200 toys the
   * standard error of a pull mean is 0.07 and of a pull width 0.05, so |mean| < 0.2 and width in
   * [0.85, 1.15] are ~3-sigma bounds. The 1-sigma coverage is pooled over the 4 parameters
   * (800 pulls, binomial error 1.6%): 68% +- 5% is a 3-sigma bound.
   */
  it('pulls are unbiased with unit width and 68% coverage', () => {
    const truth = { A: 20, mu: 5, s: 0.8, B: 2 };
    const names = ['A', 'mu', 's', 'B'] as const;
    const x = Array.from({ length: 40 }, (_, i) => 0.125 + i * 0.25);
    const sigma = x.map(() => 1);
    const model = (t: number, p: Readonly<Record<(typeof names)[number], number>>): number => p.A * Math.exp(-0.5 * ((t - p.mu) / p.s) ** 2) + p.B;
    const pulls: Record<string, number[]> = { A: [], mu: [], s: [], B: [] };
    const base = createRng('pull-study');
    let invalid = 0;
    for (let toy = 0; toy < 200; toy++) {
      const rng = base.fork(`toy-${toy}`);
      const y = x.map((t) => model(t, truth) + normal(rng));
      const fit = chi2Fit({
        x, y, sigma, model,
        parameters: [
          { name: 'A', start: 16, step: 1 },
          { name: 'mu', start: 4.6, step: 0.2 },
          { name: 's', start: 1.1, step: 0.1, limits: [0.05, 5] },
          { name: 'B', start: 1.5, step: 0.3 },
        ],
      });
      if (!fit.valid) invalid++;
      for (const n of names) pulls[n]!.push((fit.values[n] - truth[n]) / fit.errors[n]);
    }
    expect(invalid).toBe(0);
    let inside = 0;
    for (const n of names) {
      const p = pulls[n]!;
      const m = p.reduce((s, v) => s + v, 0) / p.length;
      const w = Math.sqrt(p.reduce((s, v) => s + (v - m) ** 2, 0) / (p.length - 1));
      expect(Math.abs(m), `pull mean of ${n}`).toBeLessThan(0.2);
      expect(w, `pull width of ${n}`).toBeGreaterThan(0.85);
      expect(w, `pull width of ${n}`).toBeLessThan(1.15);
      inside += p.filter((v) => Math.abs(v) < 1).length;
    }
    expect(Math.abs(inside / 800 - 0.6827)).toBeLessThan(0.05);
  });
});
