import { describe, expect, it } from 'vitest';
import { FitError } from '@nucal/core';
import { integrate, integrateWithError } from './gauss-kronrod.js';
import { gaussLegendre } from './gauss-legendre.js';

describe('integrate (adaptive G7-K15)', () => {
  it('integrates smooth functions to ~1e-14', () => {
    expect(Math.abs(integrate(Math.exp, 0, 1) - (Math.E - 1))).toBeLessThan(1e-14);
    expect(Math.abs(integrate(Math.sin, 0, Math.PI) - 2)).toBeLessThan(1e-13);
    expect(integrate(Math.exp, 1, 0)).toBeCloseTo(1 - Math.E, 13);
    expect(integrate(Math.exp, 2, 2)).toBe(0);
  });

  it('is exact in one K15 pass for degree 22 and its G7 error estimate vanishes for degree 12', () => {
    const r22 = integrateWithError((x) => x ** 22, -1, 1, { relTol: 1e-13 });
    expect(Math.abs(r22.value - 2 / 23)).toBeLessThan(1e-15);
    const r12 = integrateWithError((x) => x ** 12, 0, 1, { relTol: 1e-12 });
    expect(r12.evaluations).toBe(15);
    expect(r12.error).toBeLessThan(1e-13);
    expect(Math.abs(r12.value - 1 / 13)).toBeLessThan(1e-15);
  });

  it('handles infinite ranges and integrable endpoint singularities', () => {
    expect(Math.abs(integrate((x) => Math.exp(-x * x), -Infinity, Infinity) - Math.sqrt(Math.PI))).toBeLessThan(1e-12);
    expect(Math.abs(integrate((x) => Math.exp(-x), 0, Infinity) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(integrate((x) => 1 / (1 + x * x), -Infinity, 0) - Math.PI / 2)).toBeLessThan(1e-12);
    expect(Math.abs(integrate((x) => 1 / Math.sqrt(x), 0, 1, { relTol: 1e-8 }) - 2)).toBeLessThan(1e-7);
  });

  it('reports an unmet tolerance with a FitError (or an estimate without throwing)', () => {
    const f = (x: number): number => Math.sin(1 / x);
    expect(() => integrate(f, 1e-6, 1, { maxSubdivisions: 5 })).toThrow(FitError);
    const r = integrateWithError(f, 1e-6, 1, { maxSubdivisions: 5 });
    expect(r.converged).toBe(false);
    expect(r.error).toBeGreaterThan(0);
  });
});

describe('gaussLegendre', () => {
  it('matches the tabulated 5-point rule (Abramowitz & Stegun, Table 25.4)', () => {
    const { nodes, weights } = gaussLegendre(5);
    const ref = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
    const w = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
    ref.forEach((r, i) => expect(Math.abs(nodes[i]! - r)).toBeLessThan(1e-15));
    w.forEach((r, i) => expect(Math.abs(weights[i]! - r)).toBeLessThan(1e-15));
  });
  it('is exact to degree 2n - 1 and its weights sum to 2', () => {
    for (const n of [1, 2, 7, 20, 64]) {
      const { nodes, weights } = gaussLegendre(n);
      expect(Math.abs(weights.reduce((s, v) => s + v, 0) - 2)).toBeLessThan(1e-13);
      const deg = 2 * n - 2; // even degree 2n-2 (odd ones vanish by symmetry)
      const q = nodes.reduce((s, x, i) => s + weights[i]! * x ** deg, 0);
      expect(Math.abs(q - 2 / (deg + 1))).toBeLessThan(1e-13);
    }
    expect(() => gaussLegendre(0)).toThrow(/n = 0/);
  });
});
