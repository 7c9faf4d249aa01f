import { describe, expect, it } from 'vitest';
import { LAB, WATER_ESTAR, braggMeanExcitationEv, makeMaterial, sternheimerPeierls, zOverA } from './material.js';

describe('materials', () => {
  it('LAB (C18H30, 0.86 g/cm3): <Z/A> and the Bragg-rule I from bonded-atom I-values (ICRU 37)', () => {
    // by hand: electrons C 108, H 30; ln I = (108 ln 81 + 30 ln 19.2) / 138
    const expectedI = Math.exp((108 * Math.log(81) + 30 * Math.log(19.2)) / 138);
    expect(LAB.meanExcitationEnergyEv).toBeCloseTo(expectedI, 10);
    expect(LAB.meanExcitationEnergyEv).toBeCloseTo(59.23, 2);
    expect(zOverA(LAB)).toBeCloseTo(138 / (18 * 12.011 + 30 * 1.008), 10);
    expect(LAB.densityGPerCm3).toBe(0.86);
  });

  it('Sternheimer-Peierls: hbar omega_p = 28.816 sqrt(rho Z/A) eV, C = 2 ln(I / hbar omega_p) + 1, x0 = 0.2, x1 = 2 for I < 100 eV', () => {
    const d = LAB.densityEffect;
    const plasma = 28.816 * Math.sqrt(0.86 * zOverA(LAB));
    expect(d.cBar).toBeCloseTo(2 * Math.log(LAB.meanExcitationEnergyEv / plasma) + 1, 10);
    expect(d.x0).toBe(0.2);
    expect(d.x1).toBe(2);
    expect(d.m).toBe(3);
    // delta continuous at x0: a (x1 - x0)^3 = C - 2 ln10 x0 (the papers print 2 ln10 = 4.60517 as 4.606)
    expect(d.a * (d.x1 - d.x0) ** 3).toBeCloseTo(d.cBar - 2 * Math.LN10 * d.x0, 10);
    // high-C branch
    expect(sternheimerPeierls(90, 1, 0.5).x0).toBeCloseTo(0.326 * sternheimerPeierls(90, 1, 0.5).cBar - 1, 10);
  });

  it('keeps the ESTAR water definition and validates input', () => {
    expect(WATER_ESTAR.meanExcitationEnergyEv).toBe(75);
    expect(braggMeanExcitationEv([{ symbol: 'H', z: 1, atomicMass: 1.008, atoms: 2 }])).toBeCloseTo(19.2, 10);
    expect(() => makeMaterial({ name: 'bad', densityGPerCm3: -1, elements: LAB.elements })).toThrow(/densityGPerCm3/);
  });
});
