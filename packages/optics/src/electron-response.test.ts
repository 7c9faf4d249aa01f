import { describe, expect, it } from 'vitest';
import { OutOfRangeError, ValidationError } from '@nucal/core';
import { createRng, integrate } from '@nucal/numeric';
import { cherenkovPhotonsPerCm } from './cherenkov.js';
import { electronResponse } from './electron-response.js';
import { transportGammas } from './gamma-transport.js';
import { LAB } from './material.js';
import { collisionStoppingPower } from './stopping-power.js';

describe('electron true response', () => {
  const raw = electronResponse({ normalisation: { kind: 'none' } });
  const def = electronResponse();

  it('raw units: E_vis = quenched integral + w N_Cer / Y, against an independent integration (2e-5)', () => {
    const q = (e: number) => 1 / (1 + 6.5e-3 * collisionStoppingPower(LAB, e));
    const cer = (e: number) => {
      const g = 1 + e / 0.51099895;
      return cherenkovPhotonsPerCm(Math.sqrt(1 - 1 / (g * g)), 1.5, 300, 600) / (collisionStoppingPower(LAB, e) * 0.86);
    };
    for (const t of [0.03, 0.3, 1, 3, 8]) {
      const scint = 1e-3 * q(1e-3) + integrate(q, 1e-3, t, { relTol: 1e-10 });
      const photons = t > raw.cherenkovThresholdMeV ? integrate(cer, raw.cherenkovThresholdMeV, t, { relTol: 1e-10 }) : 0;
      expect(Math.abs(raw.quenchedScintillation(t) / scint - 1), `${t} MeV`).toBeLessThan(2e-5);
      if (photons > 0) expect(Math.abs(raw.cherenkovPhotons(t) / photons - 1), `${t} MeV`).toBeLessThan(2e-4);
      expect(raw.visibleEnergyMeV(t)).toBeCloseTo(raw.quenchedScintillation(t) + raw.cherenkovYield(t), 12);
      expect(raw.cherenkovYield(t)).toBeCloseTo(raw.cherenkovPhotons(t) / 10_000, 12);
    }
    expect(raw.scale).toBe(1);
  });

  it('default normalisation: the 2.2232 MeV n-H gamma has mean E_vis = 2.2232 MeV (independent seed, 4 sigma)', () => {
    const n = 20_000;
    const r = transportGammas({ energiesMeV: [2.223247], events: n, rng: createRng('independent-nH'), radiusM: Infinity });
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = def.sumVisibleEnergyMeV(r.electronEnergiesMeV, r.eventOffsets[i], r.eventOffsets[i + 1]);
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    // the normalisation itself has the same statistical error: compare with sqrt(2) x
    expect(Math.abs(mean - 2.223247)).toBeLessThan((4 * Math.SQRT2 * sd) / Math.sqrt(n));
    expect(def.scale).toBeGreaterThan(1);
  });

  it('electron normalisation pins E_vis(T_ref) = T_ref; the non-linearity rises with energy and quenching bites at low energy', () => {
    const r = electronResponse({ normalisation: { kind: 'electron', kineticMeV: 5 } });
    expect(r.visibleEnergyMeV(5)).toBeCloseTo(5, 10);
    expect(r.nonlinearity(0.1)).toBeLessThan(r.nonlinearity(1));
    expect(r.nonlinearity(1)).toBeLessThan(r.nonlinearity(5));
    expect(r.nonlinearity(5)).toBeLessThan(r.nonlinearity(12));
    const stronger = electronResponse({ kBGPerCm2MeV: 1e-2, normalisation: { kind: 'electron', kineticMeV: 5 } });
    expect(stronger.nonlinearity(0.2)).toBeLessThan(r.nonlinearity(0.2));
  });

  it('Cherenkov is a few % of the light at a few MeV (default weight 1) and zero below 0.1746 MeV', () => {
    const f3 = def.cherenkovYield(3) / def.visibleEnergyMeV(3);
    expect(f3).toBeGreaterThan(0.01);
    expect(f3).toBeLessThan(0.05);
    expect(def.cherenkovYield(0.17)).toBe(0);
    const doubled = electronResponse({ cherenkovWeight: 2, normalisation: { kind: 'none' } });
    expect(doubled.cherenkovYield(3)).toBeCloseTo(2 * raw.cherenkovYield(3), 10);
  });

  it('table interpolation matches the direct tables and the vectorised forms match the scalar one', () => {
    const t = new Float64Array([0, 5e-4, 0.0123, 0.5, 1.7, 9.99, 20]);
    const v = def.visibleEnergyArray(t);
    t.forEach((x, i) => expect(v[i]).toBe(def.visibleEnergyMeV(x)));
    expect(def.sumVisibleEnergyMeV(t)).toBeCloseTo(v.reduce((a, b) => a + b, 0), 12);
    expect(def.visibleEnergyMeV(0)).toBe(0);
    // at a grid node the interpolation returns the node
    const k = 1234;
    const node = def.table.kineticEnergyMeV[k] as number;
    expect(def.visibleEnergyMeV(node) / ((def.table.scintillationMeV[k] as number) + (def.table.cherenkovMeV[k] as number))).toBeCloseTo(1, 10);
  });

  it('rejects energies out of the table and bad configuration', () => {
    expect(() => def.visibleEnergyMeV(25)).toThrow(OutOfRangeError);
    expect(() => def.visibleEnergyMeV(-1)).toThrow(/-1 MeV/);
    expect(() => electronResponse({ refractiveIndex: 0.9 })).toThrow(ValidationError);
    expect(() => electronResponse({ cherenkovLambdaMinNm: 700 })).toThrow(/Cherenkov window/);
  });
});

describe('visible energy per transported event', () => {
  it('sums the response over each event and feeds the PMT toy', async () => {
    const { visibleEnergyPerEvent } = await import('./visible-energy-per-event.js');
    const { transportSource } = await import('./gamma-transport.js');
    const response = electronResponse();
    const r = transportSource({ source: 'Cs-137', events: 200, rng: createRng('per-event') });
    const v = visibleEnergyPerEvent(response, r);
    expect(v).toHaveLength(200);
    for (let i = 0; i < 200; i++) {
      let s = 0;
      for (let j = r.eventOffsets[i] as number; j < (r.eventOffsets[i + 1] as number); j++) s += response.visibleEnergyMeV(r.electronEnergiesMeV[j] as number);
      expect(v[i]).toBeCloseTo(s, 12);
    }
  });
});
