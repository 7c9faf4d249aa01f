import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { electronGrid } from './electron-grid.js';
import { applySystematics, DEFAULT_SYSTEMATICS, effectMagnitudes } from './systematics.js';
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
  it('shift one source only when single-point, and only the listed source', () => {
    const amc = DEFAULT_SYSTEMATICS.find((e) => e.name === 'amc-neutron-recoil')!;
    for (let k = 0; k < 10; k++) {
      const mock = applySystematics(points, [amc], createRng(`s-${k}`));
      const moved = mock.filter((p, i) => p.measuredMeV !== points[i]!.measuredMeV).map((p) => p.kernel.id);
      expect(moved).toEqual(['AmC']);
    }
    const any = { name: 'one', mode: 'single-point' as const, lowEnergyRel: 0.01, highEnergyRel: 0.01 };
    const hit = new Set<string>();
    for (let k = 0; k < 60; k++) {
      const mock = applySystematics(points, [any], createRng(`a-${k}`));
      const moved = mock.filter((p, i) => p.measuredMeV !== points[i]!.measuredMeV);
      expect(moved.length).toBe(1);
      hit.add(moved[0]!.kernel.id);
    }
    expect(hit.size).toBeGreaterThan(5);
  });
  it('are reproducible from the seed', () => {
    const a = applySystematics(points, DEFAULT_SYSTEMATICS, createRng('same'));
    const b = applySystematics(points, DEFAULT_SYSTEMATICS, createRng('same'));
    expect(a.map((p) => p.measuredMeV)).toEqual(b.map((p) => p.measuredMeV));
  });
});
