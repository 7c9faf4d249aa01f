import { describe, expect, it, vi } from 'vitest';
import { InMemoryConditions, IovCache, runTime, ValidationError } from '@nucal/core';
import { CubicBSplineBasis, DEFAULT_U_BREAKPOINTS, DEFAULT_V_BREAKPOINTS, uniformityCorrection, uniformityRecord, type UniformityV1 } from '@nucal/uniformity';
import { energyReconstructionPlugin, type Vertex } from './energy-reco-plugin.js';
import { electronVisibleMeV } from './model.js';
import { junoEnergyScaleRecord, nonlinearityRecord, type EnergyScaleV1, type NonlinearityV1 } from './records.js';

// Count the evaluators built: the plugin must build one per uniformity payload, not per event.
vi.mock('@nucal/uniformity', async (original) => {
  const m = await original<typeof import('@nucal/uniformity')>();
  return { ...m, uniformityCorrection: vi.fn(m.uniformityCorrection) };
});

const params = { p0: 1.034, p1: 0.047, p2: 1.22, p3: -0.0021 };
const fit = { parameters: ['p0', 'p1', 'p2', 'p3'], values: params, errors: { p0: 1e-4, p1: 1e-3, p2: 0.03, p3: 3e-5 }, covariance: [[1e-8, 0, 0, 0], [0, 1e-6, 0, 0], [0, 0, 9e-4, 0], [0, 0, 0, 9e-10]], chi2: 90, ndof: 94, valid: true };
const nl: NonlinearityV1 = {
  model: '(p0 + p3/E) / (1 + p1 exp(-p2 E))', parameters: params, errors: fit.errors, covariance: fit.covariance, fit,
  band: { energyMeV: [1, 8], lowRel: [-0.004, -0.004], highRel: [0.004, 0.004], mocks: 10, effects: [] }, validityMinMeV: 0.5, validityMaxMeV: 8,
};
const scaleA: EnergyScaleV1 = { y0PePerMeV: 1345, y0ErrPePerMeV: 0.1, darkNoiseOffsetPe: 185, darkNoiseOffsetErrPe: 0.1, annihilationVisibleMeV: 0.947, annihilationVisibleErrMeV: 1e-4 };
const scaleB: EnergyScaleV1 = { ...scaleA, y0PePerMeV: 1330 };

const R = 1770;
/**
 * A juno.uniformity payload with g = 1 + k (r/R)^3 (u-independent): cubic B-splines reproduce
 * a linear function when the coefficients are the Greville abscissae, so the surface is exact
 * and the evaluator's table (bilinear in v) too.
 */
function linearMap(k: number): UniformityV1 {
  const gv = new CubicBSplineBasis(DEFAULT_V_BREAKPOINTS).greville();
  const nu = DEFAULT_U_BREAKPOINTS.length + 2;
  const coefficients: number[] = [];
  for (let i = 0; i < nu; i++) for (const v of gv) coefficients.push(1 + k * v);
  return {
    lsRadiusCm: R, y0PePerMeV: 1300, darkOffsetPe: 184.9, sourceVisibleMeV: 2.2232,
    spline: { uBreakpoints: [...DEFAULT_U_BREAKPOINTS], vBreakpoints: [...DEFAULT_V_BREAKPOINTS], coefficients },
    fit: { chi2: 0, effectiveParameters: 0, points: 6, smoothingU: 0.01, smoothingV: 0.01 },
    points: [],
  };
}
const mapA = linearMap(0.1);
const mapB = linearMap(-0.05);
const gOf = (k: number, v: Vertex) => 1 + k * (Math.hypot(v.xCm, v.yCm, v.zCm) / R) ** 3;

const centre: Vertex = { xCm: 0, yCm: 0, zCm: 0 };
const offCentre: Vertex = { xCm: 900, yCm: -600, zCm: 800 }; // r = 1342 cm, (r/R)^3 = 0.436

/** The PE of a positron of kinetic energy T at a vertex, under a scale and a map's g. */
const peOf = (t: number, scale: EnergyScaleV1, g: number) => scale.darkNoiseOffsetPe + scale.y0PePerMeV * g * (scale.annihilationVisibleMeV + electronVisibleMeV(t, params));

function conditionsWith(...uniformity: [number, UniformityV1][]) {
  const inner = new InMemoryConditions();
  inner.put(junoEnergyScaleRecord, runTime(1), scaleA);
  inner.put(nonlinearityRecord, runTime(1), nl);
  const hashes = uniformity.map(([run, map]) => inner.put(uniformityRecord, runTime(run), map).hash);
  return { inner, hashes, conditions: new IovCache(inner) };
}

describe('juno.energy reconstruction plugin', () => {
  it('resolves the three records per event through an IovCache and reconstructs the positron energy', async () => {
    const inner = new InMemoryConditions();
    const hashA = inner.put(junoEnergyScaleRecord, runTime(1), scaleA).hash;
    const hashB = inner.put(junoEnergyScaleRecord, runTime(10), scaleB).hash;
    inner.put(nonlinearityRecord, runTime(1), nl);
    inner.put(uniformityRecord, runTime(1), mapA);
    const conditions = new IovCache(inner);
    const reco = energyReconstructionPlugin();
    expect(reco.id).toBe('juno.energy');
    expect(reco.requires.map((r) => r.name)).toEqual(['juno.energy-scale', 'juno.nonlinearity', 'juno.uniformity']);
    const tKin = 3;
    const evis = scaleA.annihilationVisibleMeV + electronVisibleMeV(tKin, params);
    // 20 events at the centre in runs 1..9, then one in run 12 (new Y0)
    for (let i = 0; i < 20; i++) {
      const out = await reco.process({ peTotal: peOf(tKin, scaleA, 1), vertex: centre, time: runTime(1 + (i % 9)) }, conditions);
      expect(out.g).toBeCloseTo(1, 12);
      expect(out.visibleEnergyMeV).toBeCloseTo(evis, 10);
      expect(out.positronKineticMeV!).toBeCloseTo(tKin, 8);
      expect(out.inValidityRange).toBe(true);
      expect(out.conditions.energyScale).toBe(hashA);
    }
    expect(inner.lookups).toBe(3);
    const later = await reco.process({ peTotal: peOf(tKin, scaleB, 1), vertex: centre, time: runTime(12) }, conditions);
    expect(later.positronKineticMeV!).toBeCloseTo(tKin, 8);
    expect(later.conditions.energyScale).toBe(hashB);
    // only the energy scale left its IOV; the non-linearity and uniformity IOVs are open-ended
    expect(inner.lookups).toBe(4);
    expect(conditions.hits).toBe(3 * 21 - 4);
    // with the old scale the same PE would give a different energy: the IOV switch matters
    const stale = (peOf(tKin, scaleB, 1) - scaleA.darkNoiseOffsetPe) / scaleA.y0PePerMeV;
    expect(Math.abs(stale - evis)).toBeGreaterThan(0.03);
  });

  it('corrects an off-centre event by the map\'s g at its vertex, and uses the map of the event\'s run on each side of an IOV boundary', async () => {
    const { hashes, conditions } = conditionsWith([1, mapA], [100, mapB]);
    const reco = energyReconstructionPlugin();
    const gA = gOf(0.1, offCentre);
    const gB = gOf(-0.05, offCentre);
    expect(gA).toBeCloseTo(1.0436, 3);
    const tKin = 4;
    const evis = scaleA.annihilationVisibleMeV + electronVisibleMeV(tKin, params);
    // before the boundary (run 99): map A; from run 100 on: map B
    for (const [run, g, hash] of [[50, gA, hashes[0]], [99, gA, hashes[0]], [100, gB, hashes[1]], [150, gB, hashes[1]]] as const) {
      const out = await reco.process({ peTotal: peOf(tKin, scaleA, g), vertex: offCentre, time: runTime(run) }, conditions);
      expect(out.g, `run ${run}`).toBeCloseTo(g, 9);
      expect(out.visibleEnergyMeV).toBeCloseTo(evis, 9);
      expect(out.positronKineticMeV!).toBeCloseTo(tKin, 7);
      expect(out.conditions.uniformity).toBe(hash);
    }
    // the same charge without the correction would be g times too high: 4.4% here
    const uncorrected = (peOf(tKin, scaleA, gA) - scaleA.darkNoiseOffsetPe) / scaleA.y0PePerMeV;
    expect(uncorrected / evis).toBeCloseTo(gA, 9);
    // and run 99's event read with map B would be off by gA / gB (6.7%)
    const wrongMap = await reco.process({ peTotal: peOf(tKin, scaleA, gA), vertex: offCentre, time: runTime(100) }, conditions);
    expect(wrongMap.visibleEnergyMeV / evis).toBeCloseTo(gA / gB, 9);
  });

  it('builds the evaluator of a uniformity payload once per payload hash, not per event', async () => {
    const built = vi.mocked(uniformityCorrection);
    built.mockClear();
    const { conditions } = conditionsWith([1, mapA], [100, mapB]);
    const reco = energyReconstructionPlugin();
    for (let i = 0; i < 200; i++) {
      const run = i < 100 ? 1 + i : 100 + i;
      await reco.process({ peTotal: 5000, vertex: { xCm: 10 * i, yCm: 0, zCm: -5 * i }, time: runTime(run) }, conditions);
    }
    // back to map A: its evaluator is still there
    await reco.process({ peTotal: 5000, vertex: offCentre, time: runTime(5) }, conditions);
    expect(built).toHaveBeenCalledTimes(2);
  });

  it('flags energies outside the calibrated range and rejects bad input, naming it', async () => {
    const { conditions } = conditionsWith([1, mapA]);
    const reco = energyReconstructionPlugin();
    const pe = peOf(10, scaleA, 1);
    const out = await reco.process({ peTotal: pe, vertex: centre, time: runTime(2) }, conditions);
    expect(out.positronKineticMeV!).toBeCloseTo(10, 8);
    expect(out.inValidityRange).toBe(false);
    await expect(reco.process({ peTotal: Number.NaN, vertex: centre, time: runTime(2) }, conditions)).rejects.toThrow(/peTotal/);
    // an event without its reconstructed vertex cannot be corrected: refused, not guessed
    const noVertex = { peTotal: pe, time: runTime(2) } as unknown as Parameters<typeof reco.process>[0];
    await expect(reco.process(noVertex, conditions)).rejects.toThrow(ValidationError);
    await expect(reco.process(noVertex, conditions)).rejects.toThrow(/event vertex is missing: expected the reconstructed vertex \{ xCm, yCm, zCm \}/);
    await expect(reco.process({ peTotal: pe, vertex: { xCm: 1, yCm: Number.NaN, zCm: 0 }, time: runTime(2) }, conditions)).rejects.toThrow(/event vertex \{"xCm":1,"yCm":null,"zCm":0\} is invalid/);
    // a 100 MeV deposit is beyond the positron solver: null, not an exception
    const muon = await reco.process({ peTotal: 100 * scaleA.y0PePerMeV, vertex: centre, time: runTime(2) }, conditions);
    expect(muon.positronKineticMeV).toBeNull();
    expect(muon.inValidityRange).toBe(false);
  });

  it('refuses an event when no uniformity map is valid at its time', async () => {
    const { conditions } = conditionsWith([100, mapA]);
    await expect(energyReconstructionPlugin().process({ peTotal: 5000, vertex: centre, time: runTime(5) }, conditions)).rejects.toThrow(/juno\.uniformity/);
  });
});
