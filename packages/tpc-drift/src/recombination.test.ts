import { OutOfRangeError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { larDensityGPerCm3 } from './lar-density.js';
import {
  BIRKS_ICARUS,
  MODIFIED_BOX_ARGONEUT,
  W_ION_MEV,
  dEdxFromdQdx,
  dEdxFromdQdxArray,
  dQdxFromdEdx,
  dQdxFromdEdxArray,
  recombinationFactor,
  recombinationMinimumdEdxMeVPerCm,
} from './recombination.js';

const medium = { fieldKvPerCm: 0.5, densityGPerCm3: larDensityGPerCm3(87) }; // 1.39295 g/cm3

describe('recombination factor for a MIP (2.1 MeV/cm) at 500 V/cm, 87 K', () => {
  it('modified Box (ArgoNeuT JINST 8 P08005): R = ln(0.93 + xi)/xi = 0.7049', () => {
    // xi = 0.212 * 2.1 / (1.39295 * 0.5) = 0.639218; ln(1.569218) / 0.639218 = 0.704888
    expect(recombinationFactor(MODIFIED_BOX_ARGONEUT, 2.1, medium)).toBeCloseTo(0.704888, 5);
  });

  it('Birks (ICARUS NIM A 523 (2004) 275): R = 0.8 / (1 + 0.0486 * 2.1 / 0.696475) = 0.6978', () => {
    expect(recombinationFactor(BIRKS_ICARUS, 2.1, medium)).toBeCloseTo(0.697753, 5);
  });

  it('both published sets give about 0.70 for a MIP, as ArgoNeuT and ICARUS report (within 0.02)', () => {
    expect(recombinationFactor(MODIFIED_BOX_ARGONEUT, 2.1, medium)).toBeCloseTo(0.7, 1);
    expect(recombinationFactor(BIRKS_ICARUS, 2.1, medium)).toBeCloseTo(0.7, 1);
    expect(Math.abs(recombinationFactor(MODIFIED_BOX_ARGONEUT, 2.1, medium) - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(recombinationFactor(BIRKS_ICARUS, 2.1, medium) - 0.7)).toBeLessThan(0.02);
  });

  it('recombination grows with dE/dx and falls with field (Box: at high dE/dx, where it was fitted)', () => {
    for (const model of [MODIFIED_BOX_ARGONEUT, BIRKS_ICARUS]) {
      expect(recombinationFactor(model, 10, medium)).toBeLessThan(recombinationFactor(model, 2.1, medium));
      expect(recombinationFactor(model, 10, { ...medium, fieldKvPerCm: 1 })).toBeGreaterThan(recombinationFactor(model, 10, medium));
    }
    expect(recombinationFactor(BIRKS_ICARUS, 2.1, { ...medium, fieldKvPerCm: 1 })).toBeGreaterThan(
      recombinationFactor(BIRKS_ICARUS, 2.1, medium),
    );
  });

  it('modified Box R(xi) = ln(alpha + xi)/xi peaks near xi = 0.4 (a MIP at 1 kV/cm), a known limit of the model', () => {
    // at 1 kV/cm a MIP has xi = 0.3196 < 0.42, on the rising side: R = ln(1.24960)/0.31961 = 0.69720
    expect(recombinationFactor(MODIFIED_BOX_ARGONEUT, 2.1, { ...medium, fieldKvPerCm: 1 })).toBeCloseTo(0.69720, 4);
  });
});

describe('dE/dx <-> dQ/dx', () => {
  it('dQ/dx = R dE/dx / W: a MIP gives about 62 700 electrons/cm (Box)', () => {
    expect(dQdxFromdEdx(MODIFIED_BOX_ARGONEUT, 2.1, medium)).toBeCloseTo((0.704888 * 2.1) / W_ION_MEV, -1);
  });

  it('the inverse round-trips over 1.5-50 MeV/cm for both models to 1e-10', () => {
    for (const model of [MODIFIED_BOX_ARGONEUT, BIRKS_ICARUS]) {
      for (const e of [1.5, 1.7, 2.1, 3, 5, 10, 20, 50]) {
        const q = dQdxFromdEdx(model, e, medium);
        expect(dEdxFromdQdx(model, q, medium) / e - 1).toBeCloseTo(0, 10);
      }
    }
  });

  it('vectorised conversions agree with the scalar ones', () => {
    const e = Float64Array.of(1.6, 2.1, 4, 15);
    for (const model of [MODIFIED_BOX_ARGONEUT, BIRKS_ICARUS]) {
      const q = dQdxFromdEdxArray(model, e, medium);
      const back = dEdxFromdQdxArray(model, q, medium);
      for (let i = 0; i < e.length; i++) {
        expect(q[i]! / dQdxFromdEdx(model, e[i]!, medium)).toBeCloseTo(1, 12);
        expect(back[i]! / e[i]!).toBeCloseTo(1, 10);
      }
    }
  });

  it('Box needs xi > 1 - alpha; Birks saturates at A rho E / (k W)', () => {
    const min = recombinationMinimumdEdxMeVPerCm(MODIFIED_BOX_ARGONEUT, medium);
    expect(min).toBeCloseTo((0.07 * 0.696475) / 0.212, 10);
    expect(() => recombinationFactor(MODIFIED_BOX_ARGONEUT, 0.9 * min, medium)).toThrow(OutOfRangeError);
    const qSat = (0.8 * 0.696475) / (0.0486 * W_ION_MEV);
    expect(() => dEdxFromdQdx(BIRKS_ICARUS, 1.01 * qSat, medium)).toThrow(/beyond Birks saturation/);
    expect(() => dEdxFromdQdxArray(BIRKS_ICARUS, [1e4, 1.01 * qSat], medium)).toThrow(/index 1/);
    expect(() => dEdxFromdQdx(MODIFIED_BOX_ARGONEUT, -1, medium)).toThrow(OutOfRangeError);
  });
});
