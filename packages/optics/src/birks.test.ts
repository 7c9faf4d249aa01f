import { describe, expect, it } from 'vitest';
import { integrate } from '@nucal/numeric';
import { quenchFactor, quenchedScintillationTable } from './birks.js';
import { LAB } from './material.js';
import { collisionStoppingPower } from './stopping-power.js';

/** Independent quenched integral: adaptive Gauss-Kronrod over [1 keV, T] plus the frozen part below 1 keV. */
function quenchedReference(t: number, kB: number, kC: number): number {
  const q = (e: number) => {
    const s = collisionStoppingPower(LAB, e);
    return 1 / (1 + kB * s + kC * s * s);
  };
  return 1e-3 * q(1e-3) + integrate(q, 1e-3, t, { relTol: 1e-10 });
}

describe('Birks quenching', () => {
  const birks = { kBGPerCm2MeV: 6.5e-3, kCG2PerCm4MeV2: 0 };
  const table = quenchedScintillationTable(LAB, birks);
  const at = (t: number) => {
    const e = table.kineticEnergyMeV;
    let i = 0;
    while ((e[i + 1] as number) < t) i++;
    const f = Math.log(t / (e[i] as number)) / Math.log((e[i + 1] as number) / (e[i] as number));
    return (table.quenchedMeV[i] as number) * (1 - f) + (table.quenchedMeV[i + 1] as number) * f;
  };

  it('quench ratio L(T)/T agrees with an independent adaptive integration to 2e-5 (0.05-15 MeV)', () => {
    for (const t of [0.05, 0.2, 0.5, 1, 2.5, 6, 15]) {
      expect(Math.abs(at(t) / quenchedReference(t, 6.5e-3, 0) - 1), `${t} MeV`).toBeLessThan(2e-5);
    }
  });

  it('gives the expected size of quenching for kB = 6.5e-3 g/(cm2 MeV) (ratios to 1e-3)', () => {
    // values from the reference integration: quenching is strongest for slow electrons
    const ratio = (t: number) => quenchedReference(t, 6.5e-3, 0) / t;
    expect(ratio(0.1)).toBeLessThan(ratio(1));
    expect(ratio(1)).toBeLessThan(ratio(10));
    expect(at(0.1) / 0.1).toBeCloseTo(ratio(0.1), 5);
    expect(ratio(1)).toBeGreaterThan(0.97);
    expect(ratio(1)).toBeLessThan(0.99);
    expect(quenchFactor(2, birks)).toBeCloseTo(1 / 1.013, 12);
  });

  it('kB = 0 gives no quenching; kC adds quenching', () => {
    const none = quenchedScintillationTable(LAB, { kBGPerCm2MeV: 0, kCG2PerCm4MeV2: 0 });
    const n = none.kineticEnergyMeV.length - 1;
    expect(Math.abs((none.quenchedMeV[n] as number) / (none.kineticEnergyMeV[n] as number) - 1)).toBeLessThan(2e-6);
    const withKc = quenchedScintillationTable(LAB, { kBGPerCm2MeV: 6.5e-3, kCG2PerCm4MeV2: 1.5e-6 });
    expect(withKc.quenchedMeV[n]).toBeLessThan(table.quenchedMeV[n] as number);
    expect(Math.abs((withKc.quenchedMeV[n] as number) / quenchedReference(20, 6.5e-3, 1.5e-6) - 1)).toBeLessThan(2e-5);
  });

  it('rejects negative Birks constants', () => {
    expect(() => quenchedScintillationTable(LAB, { kBGPerCm2MeV: -1, kCG2PerCm4MeV2: 0 })).toThrow(/kB = -1/);
  });
});
