import { describe, expect, it } from 'vitest';
import { closureCurves, nonlinearityClosure } from './closure.js';
import { fNonlin } from './model.js';
import { POSITRON_CHECK_ENERGIES_MEV } from './positron.js';
import type { NonlinearityCurves } from './steps/curves.js';

const params = { p0: 1.03, p1: 0.08, p2: 1.4, p3: -0.003 };
const energies = Array.from({ length: 121 }, (_, k) => 0.1 * Math.pow(120, k / 120));

describe('closure (outside the calibration)', () => {
  it('is zero for a fit equal to the truth and sees a 0.5% scale in f and in the positrons', () => {
    const truth = { electronEnergyMeV: energies, fNonlin: energies.map((e) => fNonlin(e, params)), annihilationVisibleMeV: 0.95 };
    const exact = nonlinearityClosure(truth, { params, annihilationVisibleMeV: 0.95 });
    // log-linear interpolation of the 121-point truth table: below 1e-4
    expect(exact.maxDeviation).toBeLessThan(1e-4);
    expect(exact.maxPositronBias).toBeLessThan(1e-4);
    expect(exact.positronKineticMeV).toEqual(POSITRON_CHECK_ENERGIES_MEV);
    const scaled = nonlinearityClosure(truth, { params: { ...params, p0: params.p0 * 1.005, p3: params.p3 * 1.005 }, annihilationVisibleMeV: 0.95 });
    expect(scaled.maxDeviation).toBeCloseTo(0.005, 4);
    // f 0.5% high: the reconstructed kinetic energy about 0.5% low
    for (const b of scaled.positronBias) expect(b).toBeLessThan(-0.004);
    expect(() => nonlinearityClosure(truth, { params, annihilationVisibleMeV: 0.95 }, { minMeV: 8, maxMeV: 1 })).toThrow(/closure range/);
  });

  it('adds the truth to the curves of a calibration for a closure report', () => {
    const e = [1, 4];
    const fitted = e.map((x) => fNonlin(x, params));
    const curves = {
      electron: { energyMeV: e, fitted, low: fitted, high: fitted, lowPercent: [0, 0], highPercent: [0, 0], validityMinMeV: 0.5, validityMaxMeV: 8 },
      positron: { kineticMeV: POSITRON_CHECK_ENERGIES_MEV, bandLowPercent: [], bandHighPercent: [] },
    } as unknown as NonlinearityCurves;
    const truth = { electronEnergyMeV: energies, fNonlin: energies.map((x) => 1.01 * fNonlin(x, params)), annihilationVisibleMeV: 0.95 };
    const closure = nonlinearityClosure(truth, { params, annihilationVisibleMeV: 0.95 });
    const c = closureCurves(curves, truth, closure);
    for (const p of c.electron.truthPercent!) expect(p).toBeCloseTo(1, 2);
    expect(c.positron.biasPercent).toEqual(closure.positronBias.map((b) => 100 * b));
    expect(curves.electron.truth).toBeUndefined();
  });
});
