import { describe, expect, it } from 'vitest';
import { FitError, ValidationError } from '@nucal/core';
import { chi2Fit } from './chi2-fit.js';
import type { ParameterSpec } from './fit-parameters.js';
import { minimize } from './minimize.js';
import { minos } from './minos.js';

/** Lambert W by Halley's method: branch 0 (W >= -1) or -1 (W <= -1), for z in (-1/e, 0). */
function lambertW(z: number, branch: 0 | -1): number {
  let w = branch === 0 ? 0 : -2;
  // start from the branch-point expansion W = -1 ± p - p²/3, p = sqrt(2(1 + e z))
  const p = Math.sqrt(2 * (1 + Math.E * z));
  w = branch === 0 ? -1 + p - (p * p) / 3 : -1 - p - (p * p) / 3;
  for (let i = 0; i < 50; i++) {
    const e = Math.exp(w);
    const f = w * e - z;
    const next = w - f / (e * (w + 1) - ((w + 2) * f) / (2 * w + 2));
    if (Math.abs(next - w) < 1e-15 * Math.abs(w)) return next;
    w = next;
  }
  return w;
}

describe('minos: profile-likelihood errors', () => {
  it('Poisson mean from one count n: the interval of -2 ln L ratio = 1 is -n W(-exp(-1 - 1/(2n))) on the two branches', () => {
    for (const n of [1, 3, 10]) {
      const nll = (p: Readonly<Record<'mu', number>>): number => p.mu - n * Math.log(p.mu);
      const specs: ParameterSpec<'mu'>[] = [{ name: 'mu', start: n + 1, limits: [0, Infinity] }];
      const fit = minimize(nll, specs, { errorDef: 0.5, tolerance: 0.01 });
      const z = -Math.exp(-1 - 1 / (2 * n));
      const lo = -n * lambertW(z, 0);
      const hi = -n * lambertW(z, -1);
      const e = minos(nll, specs, fit, { errorDef: 0.5 }).mu!;
      expect(e.valid).toBe(true);
      // the crossing to 1e-4 of the error (Brent) plus the fitted value's own offset (edm < 2e-5)
      expect(Math.abs(fit.values.mu + e.lower - lo)).toBeLessThan(2e-3 * fit.errors.mu);
      expect(Math.abs(fit.values.mu + e.upper - hi)).toBeLessThan(2e-3 * fit.errors.mu);
      // asymmetric: the upper error is the larger, the parabolic one (√n) lies between
      expect(-e.lower).toBeLessThan(fit.errors.mu);
      expect(e.upper).toBeGreaterThan(fit.errors.mu);
    }
    // n = 3 through the minimize option, default tolerance: [1.584, 5.080], the likelihood-ratio interval for 3 counts
    const nll3 = (p: Readonly<Record<'mu', number>>): number => p.mu - 3 * Math.log(p.mu);
    const specs3: ParameterSpec<'mu'>[] = [{ name: 'mu', start: 1, limits: [0, Infinity] }];
    const fit3 = minimize(nll3, specs3, { errorDef: 0.5, minos: true });
    const e3 = fit3.minos?.mu;
    expect(fit3.values.mu + (e3?.lower as number)).toBeCloseTo(1.58, 2);
    expect(fit3.values.mu + (e3?.upper as number)).toBeCloseTo(5.08, 2);
  });

  it('no counts: the minimum is on the limit mu = 0, the lower side reaches the limit, the upper is 0.5 (-ln L = mu)', () => {
    const specs: ParameterSpec<'mu'>[] = [{ name: 'mu', start: 1, step: 0.5, limits: [0, 100] }];
    const fit = minimize((p) => p.mu, specs, { errorDef: 0.5 });
    const e = minos((p) => p.mu, specs, fit, { errorDef: 0.5 }).mu!;
    expect(e.atLowerLimit).toBe(true);
    expect(e.lowerValid).toBe(false);
    expect(e.lower).toBeCloseTo(-fit.values.mu, 12);
    expect(e.upperValid).toBe(true);
    expect(fit.values.mu + e.upper).toBeCloseTo(0.5, 3);
  });

  it('mu = exp(a) with a correlated nuisance re-minimised: the interval of a is the log of the linear one', () => {
    // chi2 = uᵀ C⁻¹ u, u = (exp(a) - 2, b - 5), sigmas 1 and 2, correlation 0.8. Profiling b
    // leaves (exp(a) - 2)²: exp(a) in [1, 3], a in [0, ln 3] around ln 2 (parabolic error 0.5).
    const [s1, s2, rho] = [1, 2, 0.8];
    const chi2 = (p: Readonly<Record<'a' | 'b', number>>): number => {
      const u = Math.exp(p.a) - 2;
      const v = p.b - 5;
      return ((u / s1) ** 2 - (2 * rho * u * v) / (s1 * s2) + (v / s2) ** 2) / (1 - rho * rho);
    };
    const specs: ParameterSpec<'a' | 'b'>[] = [{ name: 'a', start: 0.3, step: 0.1 }, { name: 'b', start: 4, step: 0.5 }];
    const fit = minimize(chi2, specs, { minos: true, tolerance: 0.01 });
    expect(fit.valid).toBe(true);
    expect(fit.errors.a).toBeCloseTo(0.5, 3);
    const a = fit.minos?.a;
    const b = fit.minos?.b;
    expect(a?.valid).toBe(true);
    expect(Math.abs((a?.lower as number) + Math.log(2))).toBeLessThan(1e-3);
    expect(Math.abs((a?.upper as number) - Math.log(1.5))).toBeLessThan(1e-3);
    // b enters linearly and exp(a) can follow it: its interval is ±sigma_2 = ±2
    expect(Math.abs((b?.lower as number) + 2)).toBeLessThan(2e-3);
    expect(Math.abs((b?.upper as number) - 2)).toBeLessThan(2e-3);
    // without re-minimising b the crossing of a would be elsewhere: b fixed at 5 gives (exp(a) - 2)²/(1 - rho²), upper ln(2.6/2)
    expect(Math.abs((a?.upper as number) - Math.log(1 + Math.sqrt(1 - rho * rho) / 2))).toBeGreaterThan(0.1);
  });

  it('a linear chi2 fit: MINOS errors equal the parabolic ones (the minos option of chi2Fit)', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const y = [1.1, 2.9, 5.2, 6.8, 9.1, 11.0];
    const fit = chi2Fit({ x, y, sigma: x.map(() => 0.3), model: (t, p) => p.c + p.k * t, parameters: [{ name: 'c', start: 0 }, { name: 'k', start: 1 }], options: { minos: ['k'] } });
    expect(fit.minos?.c).toBeUndefined();
    const k = fit.minos?.k;
    expect(k?.valid).toBe(true);
    expect(Math.abs((k?.upper as number) - fit.errors.k)).toBeLessThan(1e-3 * fit.errors.k);
    expect(Math.abs((k?.lower as number) + fit.errors.k)).toBeLessThan(1e-3 * fit.errors.k);
    expect(k?.calls).toBeGreaterThan(0);
  });

  it('flags a new minimum, refuses an invalid fit and unknown or fixed parameters', () => {
    const f = (p: Readonly<Record<'a' | 'b', number>>): number => (p.a - 1) ** 2 + (p.b - 2) ** 2;
    const specs: ParameterSpec<'a' | 'b'>[] = [{ name: 'a', start: 0 }, { name: 'b', start: 0 }];
    const fit = minimize(f, specs);
    // pretend the fit stopped at b = 3 (f = 1): the profile of a finds f = 0.04 at a = 1.2
    const off = { ...fit, values: { a: 1, b: 3 }, errors: { a: 0.2, b: 1 }, chi2: 1 };
    const e = minos(f, specs, off, { parameters: ['a'] }).a!;
    expect(e.newMinimum).toBe(true);
    expect(e.valid).toBe(false);
    expect(e.newMinimumValues?.b).toBeCloseTo(2, 3);
    expect(() => minos(f, specs, { ...fit, valid: false })).toThrow(FitError);
    expect(() => minos(f, specs, fit, { parameters: ['c' as 'a'] })).toThrow(ValidationError);
    expect(() => minos(f, [specs[0]!, { name: 'b', start: 0, fixed: true }], fit, { parameters: ['b'] })).toThrow(/fixed/);
    const invalid = minimize((p) => (p.a + p.b) ** 2, specs, { minos: true });
    expect(invalid.valid).toBe(false);
    expect(invalid.minos).toBeUndefined();
    expect(invalid.message).toMatch(/MINOS not run/);
  });
});
