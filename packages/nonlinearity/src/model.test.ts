import { describe, expect, it } from 'vitest';
import { electronVisibleInto, electronVisibleMeV, fNonlin } from './model.js';

const p = { p0: 1.02, p1: 0.1, p2: 1.2, p3: -0.01 };

describe('fNonlin', () => {
  it('evaluates the 4-parameter form (hand-computed values)', () => {
    // (1.02 - 0.01/2) / (1 + 0.1 exp(-2.4)) = 1.015 / 1.0090718 = 1.005875
    expect(fNonlin(2, p)).toBeCloseTo(1.015 / (1 + 0.1 * Math.exp(-2.4)), 12);
    expect(fNonlin(2, p)).toBeCloseTo(1.005875, 5);
    // high-energy limit is p0 + p3/E
    expect(fNonlin(100, p)).toBeCloseTo(1.02 - 0.0001, 9);
  });
  it('reduces to p0/(1+p1) at E where exp term dominates if p3 = 0 and p2 = 0', () => {
    expect(fNonlin(3, { p0: 1, p1: 0.25, p2: 0, p3: 0 })).toBeCloseTo(0.8, 12);
  });
  it('g(E) = f(E) E and the vector form agree', () => {
    const es = new Float64Array([0.1, 0.5, 1, 4, 8]);
    const out = electronVisibleInto(es, p, new Float64Array(es.length));
    es.forEach((e, i) => {
      expect(out[i]).toBeCloseTo(fNonlin(e, p) * e, 12);
      expect(electronVisibleMeV(e, p)).toBeCloseTo(out[i]!, 14);
    });
  });
  it('rejects non-positive energies', () => {
    expect(() => fNonlin(0, p)).toThrow(/expected > 0/);
  });
});

describe('gridVisibleInto', () => {
  it('equals the direct evaluation on every bin of the default grid (1e-12 relative)', async () => {
    const { electronGrid } = await import('./electron-grid.js');
    const { gridVisibleInto } = await import('./model.js');
    const grid = electronGrid();
    const a = gridVisibleInto(grid, p, new Float64Array(grid.centresMeV.length));
    const b = electronVisibleInto(grid.centresMeV, p, new Float64Array(grid.centresMeV.length));
    let worst = 0;
    for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / Math.max(Math.abs(b[k]!), 1e-3));
    expect(worst).toBeLessThan(1e-12);
  });
});
