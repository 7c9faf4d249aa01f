import { describe, expect, it } from 'vitest';
import { InMemoryConditions, IovCache, runTime } from '@nucal/core';
import { energyReconstructionPlugin } from './energy-reco-plugin.js';
import { electronVisibleMeV } from './model.js';
import { junoEnergyScaleRecord, nonlinearityRecord, type EnergyScaleV1, type NonlinearityV1 } from './records.js';

const params = { p0: 1.034, p1: 0.047, p2: 1.22, p3: -0.0021 };
const fit = { parameters: ['p0', 'p1', 'p2', 'p3'], values: params, errors: { p0: 1e-4, p1: 1e-3, p2: 0.03, p3: 3e-5 }, covariance: [[1e-8, 0, 0, 0], [0, 1e-6, 0, 0], [0, 0, 9e-4, 0], [0, 0, 0, 9e-10]], chi2: 90, ndof: 94, valid: true };
const nl: NonlinearityV1 = {
  model: '(p0 + p3/E) / (1 + p1 exp(-p2 E))', parameters: params, errors: fit.errors, covariance: fit.covariance, fit,
  band: { energyMeV: [1, 8], lowRel: [-0.004, -0.004], highRel: [0.004, 0.004], mocks: 10, effects: [] }, validityMinMeV: 0.5, validityMaxMeV: 8,
};
const scaleA: EnergyScaleV1 = { y0PePerMeV: 1345, y0ErrPePerMeV: 0.1, darkNoiseOffsetPe: 185, darkNoiseOffsetErrPe: 0.1, annihilationVisibleMeV: 0.947, annihilationVisibleErrMeV: 1e-4 };
const scaleB: EnergyScaleV1 = { ...scaleA, y0PePerMeV: 1330 };

describe('juno.energy reconstruction plugin', () => {
  it('resolves both records per event through an IovCache and reconstructs the positron energy', async () => {
    const inner = new InMemoryConditions();
    const hashA = inner.put(junoEnergyScaleRecord, runTime(1), scaleA).hash;
    const hashB = inner.put(junoEnergyScaleRecord, runTime(10), scaleB).hash;
    inner.put(nonlinearityRecord, runTime(1), nl);
    const conditions = new IovCache(inner);
    const reco = energyReconstructionPlugin();
    expect(reco.id).toBe('juno.energy');
    expect(reco.requires.map((r) => r.name)).toEqual(['juno.energy-scale', 'juno.nonlinearity']);
    const tKin = 3;
    const evis = scaleA.annihilationVisibleMeV + electronVisibleMeV(tKin, params);
    // 20 events in runs 1..9, then 20 in run 12 (new Y0)
    for (let i = 0; i < 20; i++) {
      const out = await reco.process({ peTotal: scaleA.darkNoiseOffsetPe + evis * scaleA.y0PePerMeV, time: runTime(1 + (i % 9)) }, conditions);
      expect(out.visibleEnergyMeV).toBeCloseTo(evis, 10);
      expect(out.positronKineticMeV!).toBeCloseTo(tKin, 8);
      expect(out.inValidityRange).toBe(true);
      expect(out.conditions.energyScale).toBe(hashA);
    }
    expect(inner.lookups).toBe(2);
    const later = await reco.process({ peTotal: scaleB.darkNoiseOffsetPe + evis * scaleB.y0PePerMeV, time: runTime(12) }, conditions);
    expect(later.positronKineticMeV!).toBeCloseTo(tKin, 8);
    expect(later.conditions.energyScale).toBe(hashB);
    // only the energy scale left its IOV; the non-linearity IOV is open-ended
    expect(inner.lookups).toBe(3);
    expect(conditions.hits).toBe(2 * 20 + 1 - 2);
    // with the old scale the same PE would give a different energy: the IOV switch matters
    const stale = (scaleB.darkNoiseOffsetPe + evis * scaleB.y0PePerMeV - scaleA.darkNoiseOffsetPe) / scaleA.y0PePerMeV;
    expect(Math.abs(stale - evis)).toBeGreaterThan(0.03);
  });
  it('flags energies outside the calibrated range and rejects bad input', async () => {
    const inner = new InMemoryConditions();
    inner.put(junoEnergyScaleRecord, runTime(1), scaleA);
    inner.put(nonlinearityRecord, runTime(1), nl);
    const conditions = new IovCache(inner);
    const reco = energyReconstructionPlugin();
    const pe = scaleA.darkNoiseOffsetPe + (scaleA.annihilationVisibleMeV + electronVisibleMeV(10, params)) * scaleA.y0PePerMeV;
    const out = await reco.process({ peTotal: pe, time: runTime(2) }, conditions);
    expect(out.positronKineticMeV!).toBeCloseTo(10, 8);
    expect(out.inValidityRange).toBe(false);
    await expect(reco.process({ peTotal: Number.NaN, time: runTime(2) }, conditions)).rejects.toThrow(/peTotal/);
    // a 100 MeV deposit is beyond the positron solver: null, not an exception
    const muon = await reco.process({ peTotal: 100 * scaleA.y0PePerMeV, time: runTime(2) }, conditions);
    expect(muon.positronKineticMeV).toBeNull();
    expect(muon.inValidityRange).toBe(false);
  });
});
