import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { electronGrid } from './electron-grid.js';
import { NonlinearityOptions } from './steps/options.js';
import { applySystematics, DEFAULT_SYSTEMATICS, drawSystematics, effectMagnitudes } from './systematics.js';
import { fixtureKernels } from './test-fixtures.js';

const grid = electronGrid();
const points = fixtureKernels(grid).map((kernel) => ({ kernel, measuredMeV: kernel.energyMeV, errorMeV: 1e-4 }));

describe('systematic effects', () => {
  it('run linearly in energy from the low- to the high-energy magnitude', () => {
    const m = effectMagnitudes(DEFAULT_SYSTEMATICS[0]!, points);
    const ids = points.map((p) => p.kernel.id);
    expect(m[ids.indexOf('Ge-68')]).toBeCloseTo(0.002 - (0.001 * (1.022 - 0.6617)) / (6.1299 - 0.6617), 5);
    expect(m[ids.indexOf('Cs-137')]).toBeCloseTo(0.002, 9);
    expect(m[ids.indexOf('AmC')]).toBeCloseTo(0.001, 9);
  });
  it('shift every source by the same z when correlated', () => {
    const effect = { name: 'scale', mode: 'correlated' as const, lowEnergyRel: 0.003, highEnergyRel: 0.003 };
    const mock = applySystematics(points, [effect], createRng('c'));
    const rel = mock.map((p, i) => p.measuredMeV / points[i]!.measuredMeV - 1);
    for (const r of rel) expect(r).toBeCloseTo(rel[0]!, 12);
    expect(Math.abs(rel[0]!)).toBeGreaterThan(0);
  });
  it('shift only the listed source when uncorrelated (AmC), by z x 0.4% with z standard normal', () => {
    const amc = DEFAULT_SYSTEMATICS.find((e) => e.name === 'amc-neutron-recoil')!;
    expect(amc.mode).toBe('uncorrelated');
    const shifts: number[] = [];
    for (let k = 0; k < 400; k++) {
      const mock = applySystematics(points, [amc], createRng(`s-${k}`));
      const moved = mock.filter((p, i) => p.measuredMeV !== points[i]!.measuredMeV);
      expect(moved.map((p) => p.kernel.id)).toEqual(['AmC']);
      shifts.push(moved[0]!.measuredMeV / moved[0]!.kernel.energyMeV - 1);
    }
    // rms of 400 draws of 0.4% x N(0,1): 0.004 within 4 standard errors (0.004 / sqrt(800) each)
    const rms = Math.sqrt(shifts.reduce((s, x) => s + x * x, 0) / shifts.length);
    expect(Math.abs(rms - 0.004)).toBeLessThan((4 * 0.004) / Math.sqrt(800));
  });
  it('shift every concerned source independently when uncorrelated (no common z)', () => {
    const any = { name: 'p2p', mode: 'uncorrelated' as const, lowEnergyRel: 0.01, highEnergyRel: 0.01 };
    const n = 300;
    const a: number[] = [];
    const b: number[] = [];
    for (let k = 0; k < n; k++) {
      const mock = applySystematics(points, [any], createRng(`a-${k}`));
      const rel = mock.map((p, i) => p.measuredMeV / points[i]!.measuredMeV - 1);
      expect(rel.every((r) => r !== 0)).toBe(true);
      a.push(rel[0]!);
      b.push(rel[8]!);
    }
    // correlation of two points over 300 mocks: 0 within 4/sqrt(300) = 0.23 (a correlated effect gives 1)
    const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
    const corr = dot / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
    expect(Math.abs(corr)).toBeLessThan(4 / Math.sqrt(n));
  });
  it('act on the B-12 events where they should: the instrumental residual as a scale, the position residual at the vertex', () => {
    expect(Object.fromEntries(DEFAULT_SYSTEMATICS.map((e) => [e.name, e.b12 ?? 'none']))).toEqual({
      'optical-shadowing': 'none', 'enclosure-energy-loss': 'none', 'amc-neutron-recoil': 'none', 'instrumental-nonlinearity': 'scale', 'position-dependent': 'vertex',
    });
    // the z drawn for the gamma peaks is returned for the B-12 events; the draws are those of applySystematics
    const { gammas, z } = drawSystematics(points, DEFAULT_SYSTEMATICS, createRng('z'));
    expect(gammas.map((p) => p.measuredMeV)).toEqual(applySystematics(points, DEFAULT_SYSTEMATICS, createRng('z')).map((p) => p.measuredMeV));
    expect(z.map(Number.isNaN)).toEqual([false, false, true, false, false]);
    expect(NonlinearityOptions.parse({}).b12ResidualMap).toEqual({ kind: 'power', power: 3 });
  });
  it('are reproducible from the seed', () => {
    const a = applySystematics(points, DEFAULT_SYSTEMATICS, createRng('same'));
    const b = applySystematics(points, DEFAULT_SYSTEMATICS, createRng('same'));
    expect(a.map((p) => p.measuredMeV)).toEqual(b.map((p) => p.measuredMeV));
  });
});
