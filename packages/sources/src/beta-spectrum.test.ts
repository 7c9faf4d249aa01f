import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import { betaSpectrum, trapezoid } from './beta-spectrum.js';
import { fermiFunction, nuclearRadiusFm } from './fermi-function.js';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;

const B12 = { qMeV: 13.369, z: 6, betaType: 'minus' as const, massNumber: 12, rmsRadiusFm: 2.4829 };

/** Composite Simpson integral of f on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('allowed beta spectrum', () => {
  it('is normalised to 1 and vanishes at and above the endpoint', () => {
    const s = betaSpectrum({ ...B12, gridMaxMeV: 16 });
    expect(trapezoid(s.kineticEnergyMeV, s.density)).toBeCloseTo(1, 12);
    s.kineticEnergyMeV.forEach((t, i) => {
      if (t >= B12.qMeV) expect(s.density[i]).toBe(0);
    });
  });

  it('falls as (Q - T)^2 at the endpoint (ratio 4 within 1% for steps of 10 keV)', () => {
    const s = betaSpectrum({ ...B12, points: 13370 }); // 1 keV grid
    const n = s.density.length;
    const d10 = s.density[n - 1 - 10] as number;
    const d20 = s.density[n - 1 - 20] as number;
    expect(d20 / d10).toBeGreaterThan(3.96);
    expect(d20 / d10).toBeLessThan(4.04);
  });

  it('is finite and positive at T = 0 for beta-minus, zero for beta-plus', () => {
    const minus = betaSpectrum(B12);
    const plus = betaSpectrum({ ...B12, betaType: 'plus', qMeV: 16.316 });
    expect(minus.density[0]).toBeGreaterThan(0.3 * (minus.density[1] as number));
    expect(Number.isFinite(minus.density[0])).toBe(true);
    expect(plus.density[0]).toBeLessThan(1e-3 * Math.max(...plus.density));
  });

  it('gives the B-12 ground-state mean kinetic energy of an independent Simpson integration (6.447 MeV, 1e-4)', () => {
    // Reference: the same allowed shape integrated by composite Simpson on 20,000 intervals,
    // independently of the grid and normalisation code under test.
    const r = nuclearRadiusFm(12, 2.4829);
    const shape = (t: number) => {
      if (t <= 0) return 0;
      const w = 1 + t / ELECTRON_MASS_MEV;
      const p = Math.sqrt(w * w - 1);
      const q = (B12.qMeV - t) / ELECTRON_MASS_MEV;
      return p * w * q * q * fermiFunction(6, t, 'minus', r);
    };
    const norm = simpson(shape, 0, B12.qMeV, 20000);
    const mean = simpson((t) => t * shape(t), 0, B12.qMeV, 20000) / norm;
    const s = betaSpectrum(B12);
    expect(mean).toBeCloseTo(6.447, 3);
    expect(Math.abs(s.meanKineticEnergyMeV / mean - 1)).toBeLessThan(1e-4);
    // the Coulomb attraction lowers the mean below the no-Coulomb (F = 1) value
    const noCoulomb = simpson((t) => (t * shape(t)) / fermiFunction(6, Math.max(t, 1e-12), 'minus', r), 0, B12.qMeV, 20000) /
      simpson((t) => shape(t) / fermiFunction(6, Math.max(t, 1e-12), 'minus', r), 0, B12.qMeV, 20000);
    expect(s.meanKineticEnergyMeV).toBeLessThan(noCoulomb);
  });

  it('gives positrons a harder spectrum than electrons of the same Q (Coulomb repulsion)', () => {
    const minus = betaSpectrum(B12);
    const plus = betaSpectrum({ ...B12, betaType: 'plus' });
    expect(plus.meanKineticEnergyMeV).toBeGreaterThan(minus.meanKineticEnergyMeV);
  });

  it('rejects invalid options with a ValidationError naming the field', () => {
    expect(() => betaSpectrum({ ...B12, qMeV: -1 })).toThrow(ValidationError);
    expect(() => betaSpectrum({ ...B12, qMeV: -1 })).toThrow(/qMeV/);
    expect(() => betaSpectrum({ ...B12, gridMaxMeV: 5 })).toThrow(/gridMaxMeV 5 < qMeV 13.369/);
  });
});
