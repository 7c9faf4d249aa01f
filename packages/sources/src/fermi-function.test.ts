import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import { fermiFunction, nuclearRadiusFm } from './fermi-function.js';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;
const FINE_STRUCTURE: number = physicalConstants.fineStructure;

/** Non-relativistic Fermi function 2 pi eta / (1 - exp(-2 pi eta)) (Fermi 1934). */
function fermiNonRelativistic(z: number, tMeV: number, sign: 1 | -1): number {
  const w = 1 + tMeV / ELECTRON_MASS_MEV;
  const p = Math.sqrt(w * w - 1);
  const eta = (sign * FINE_STRUCTURE * z * w) / p;
  return (2 * Math.PI * eta) / (1 - Math.exp(-2 * Math.PI * eta));
}

/**
 * Independent evaluation of F0 with Stirling's series for ln|Gamma(x + iy)|^2 (as used by
 * D.H. Wilkinson, Nucl. Instrum. Meth. A275 (1989) 378) and for ln Gamma(2 gamma + 1).
 */
function fermiStirling(z: number, tMeV: number, sign: 1 | -1, radiusFm: number): number {
  const aZ = FINE_STRUCTURE * z;
  const g = Math.sqrt(1 - aZ * aZ);
  const w = 1 + tMeV / ELECTRON_MASS_MEV;
  const p = Math.sqrt(w * w - 1);
  const y = (sign * aZ * w) / p;
  // shift x up by 6 with the recurrence |Gamma(z)|^2 = |Gamma(z+3)|^2 / prod |z+k|^2 for accuracy
  const stirling = (x: number, yy: number) => {
    const r2 = x * x + yy * yy;
    return (
      (x - 0.5) * Math.log(r2) - 2 * yy * Math.atan2(yy, x) - 2 * x + Math.log(2 * Math.PI) + x / (6 * r2) -
      (x * x * x - 3 * x * yy * yy) / (180 * r2 * r2 * r2)
    );
  };
  let lg = stirling(g + 6, y);
  for (let k = 0; k < 6; k++) lg -= Math.log((g + k) ** 2 + y * y);
  let lgReal = 0.5 * stirling(2 * g + 1 + 6, 0);
  for (let k = 0; k < 6; k++) lgReal -= Math.log(2 * g + 1 + k);
  const r = radiusFm / (197.3269804 / ELECTRON_MASS_MEV);
  return Math.exp(Math.log(2 * (g + 1)) - 2 * lgReal + 2 * (g - 1) * Math.log(2 * p * r) + Math.PI * y + lg);
}

describe('Fermi function F0', () => {
  const r12 = nuclearRadiusFm(12, 2.4829);

  it('uses R = sqrt(5/3) r_rms (C-12: 3.205 fm) and the A^(1/3) fit when no radius is given', () => {
    expect(r12).toBeCloseTo(3.2054, 3);
    expect(nuclearRadiusFm(12)).toBeCloseTo(3.207, 2);
  });

  it('tends to the non-relativistic Fermi function for small Z (within 0.3% at Z = 1)', () => {
    for (const t of [0.05, 0.5, 3]) {
      expect(fermiFunction(1, t, 'minus', r12) / fermiNonRelativistic(1, t, 1)).toBeCloseTo(1, 2);
      expect(Math.abs(fermiFunction(1, t, 'minus', r12) / fermiNonRelativistic(1, t, 1) - 1)).toBeLessThan(3e-3);
      expect(Math.abs(fermiFunction(1, t, 'plus', r12) / fermiNonRelativistic(1, t, -1) - 1)).toBeLessThan(3e-3);
    }
  });

  it('agrees with an independent Stirling-series evaluation to 1e-6 (Z = 6, 29, 82)', () => {
    for (const [z, a] of [[6, 12], [29, 64], [82, 208]] as const) {
      for (const t of [0.01, 0.2, 1, 5, 13]) {
        for (const [type, sign] of [['minus', 1], ['plus', -1]] as const) {
          const r = nuclearRadiusFm(a);
          expect(fermiFunction(z, t, type, r) / fermiStirling(z, t, sign, r)).toBeCloseTo(1, 6);
        }
      }
    }
  });

  it('enhances electrons and suppresses positrons, more so at low energy', () => {
    expect(fermiFunction(6, 0.01, 'minus', r12)).toBeGreaterThan(fermiFunction(6, 1, 'minus', r12));
    expect(fermiFunction(6, 1, 'minus', r12)).toBeGreaterThan(1);
    expect(fermiFunction(6, 1, 'plus', r12)).toBeLessThan(1);
    expect(fermiFunction(6, 0.01, 'plus', r12)).toBeLessThan(fermiFunction(6, 1, 'plus', r12));
  });

  it('rejects out-of-range input with a message naming the value', () => {
    expect(() => fermiFunction(6, 0, 'minus', r12)).toThrow(OutOfRangeError);
    expect(() => fermiFunction(6, -1, 'minus', r12)).toThrow(/kinetic energy -1 MeV/);
    expect(() => fermiFunction(140, 1, 'minus', r12)).toThrow(/daughter Z = 140/);
  });
});
