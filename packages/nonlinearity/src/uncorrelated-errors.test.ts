import { describe, expect, it } from 'vitest';
import { electronGrid } from './electron-grid.js';
import { DEFAULT_SYSTEMATICS } from './systematics.js';
import { fixtureKernels } from './test-fixtures.js';
import { uncorrelatedRel, withUncorrelatedErrors } from './uncorrelated-errors.js';

const grid = electronGrid();
const points = fixtureKernels(grid).map((kernel) => ({ kernel, measuredMeV: 1.02 * kernel.energyMeV, errorMeV: 5e-5 * kernel.energyMeV }));
const ids = points.map((p) => p.kernel.id);

describe('sigma_i with uncorrelated systematics (PHYSICS.md 1.2)', () => {
  it('adds the 0.4% AmC n-p recoil to AmC only; correlated effects stay out', () => {
    const rel = uncorrelatedRel(points, DEFAULT_SYSTEMATICS);
    rel.forEach((r, i) => expect(r).toBeCloseTo(ids[i] === 'AmC' ? 0.004 : 0, 15));
    const out = withUncorrelatedErrors(points, DEFAULT_SYSTEMATICS);
    out.forEach((p, i) => {
      const stat = points[i]!.errorMeV;
      expect(p.statErrorMeV).toBe(stat);
      const expected = ids[i] === 'AmC' ? Math.sqrt(stat ** 2 + (0.004 * p.measuredMeV) ** 2) : stat;
      expect(p.errorMeV).toBeCloseTo(expected, 12);
    });
    // AmC: 0.005% statistical (+) 0.4% = 0.40003% of the peak
    const amc = out[ids.indexOf('AmC')]!;
    expect(amc.errorMeV / amc.measuredMeV).toBeCloseTo(Math.hypot(5e-5 / 1.02, 0.004), 9);
  });
  it('sums several uncorrelated effects of a source in quadrature, from the statistical error (idempotent)', () => {
    const effects = [
      { name: 'a', mode: 'uncorrelated' as const, lowEnergyRel: 0.003, highEnergyRel: 0.003, sources: ['nH', 'AmC'] },
      { name: 'b', mode: 'uncorrelated' as const, lowEnergyRel: 0.004, highEnergyRel: 0.004, sources: ['AmC'] },
      { name: 'c', mode: 'correlated' as const, lowEnergyRel: 0.01, highEnergyRel: 0.01 },
    ];
    const once = withUncorrelatedErrors(points, effects);
    const twice = withUncorrelatedErrors(once, effects);
    const amc = ids.indexOf('AmC');
    const nh = ids.indexOf('nH');
    expect(once[amc]!.errorMeV).toBeCloseTo(Math.hypot(points[amc]!.errorMeV, 0.005 * points[amc]!.measuredMeV), 12);
    expect(once[nh]!.errorMeV).toBeCloseTo(Math.hypot(points[nh]!.errorMeV, 0.003 * points[nh]!.measuredMeV), 12);
    expect(once[ids.indexOf('Cs-137')]!.errorMeV).toBe(points[ids.indexOf('Cs-137')]!.errorMeV);
    expect(twice.map((p) => p.errorMeV)).toEqual(once.map((p) => p.errorMeV));
  });
});
