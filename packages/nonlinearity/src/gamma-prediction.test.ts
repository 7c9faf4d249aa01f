import { describe, expect, it } from 'vitest';
import { electronGrid, rebinDensity, edgesFromCentres } from './electron-grid.js';
import { gammaKernel, predictGammaVisibleMeV } from './gamma-prediction.js';
import { electronVisibleInto, electronVisibleMeV } from './model.js';

const grid = electronGrid({ maxMeV: 8 });

/** A Compton-like fixture depositing E on average: flat continuum of multiplicity 1 below 0.8 E plus 0.6 full-energy electrons. */
function fixture(eGamma: number, n = 400): { energyMeV: Float64Array; density: Float64Array } {
  const h = eGamma / n;
  const energyMeV = Float64Array.from({ length: n }, (_, i) => (i + 0.5) * h);
  const density = Float64Array.from(energyMeV, (e, i) => (e < 0.8 * eGamma ? 1 / (0.8 * eGamma) : 0) + (i === n - 1 ? 0.6 / h : 0));
  return { energyMeV, density };
}

describe('rebinDensity', () => {
  it('conserves the integral of the table', () => {
    const t = fixture(1.173, 173);
    const c = rebinDensity(edgesFromCentres(t.energyMeV), t.density, grid);
    const total = c.reduce((s, x) => s + x, 0);
    const h = 1.173 / 173;
    const reference = t.density.reduce((s, d) => s + d * h, 0);
    expect(total).toBeCloseTo(reference, 10);
    expect(total).toBeCloseTo(1.6, 2);
  });
});

describe('gammaKernel', () => {
  it('reproduces E_gamma for a linear response and c E_gamma for f = c', () => {
    const k = gammaKernel('Co-60', [{ fraction: 1, lines: [1.173, 1.333].map((e) => ({ energyMeV: e, secondaries: fixture(e) })) }], grid);
    expect(k.energyMeV).toBeCloseTo(2.506, 12);
    const g = new Float64Array(grid.centresMeV.length);
    electronVisibleInto(grid.centresMeV, { p0: 1, p1: 0, p2: 1, p3: 0 }, g);
    expect(predictGammaVisibleMeV(k, g)).toBeCloseTo(2.506, 10);
    electronVisibleInto(grid.centresMeV, { p0: 0.97, p1: 0, p2: 1, p3: 0 }, g);
    expect(predictGammaVisibleMeV(k, g)).toBeCloseTo(0.97 * 2.506, 10);
  });

  it('agrees with a direct fine quadrature of I int P f E dE within 1e-5 relative', () => {
    const p = { p0: 1.03, p1: 0.15, p2: 1.3, p3: -0.012 };
    const eG = 2.223;
    const t = fixture(eG, 2000);
    const k = gammaKernel('nH', [{ fraction: 1, lines: [{ energyMeV: eG, secondaries: t }] }], grid);
    const g = electronVisibleInto(grid.centresMeV, p, new Float64Array(grid.centresMeV.length));
    // reference: I = E / sum(P E dE), E_vis = I sum(P g dE) on the fixture's own 2000 bins
    const h = eG / 2000;
    let num = 0;
    let den = 0;
    t.energyMeV.forEach((e, i) => {
      num += t.density[i]! * electronVisibleMeV(e, p) * h;
      den += t.density[i]! * e * h;
    });
    const ref = (eG * num) / den;
    expect(Math.abs(predictGammaVisibleMeV(k, g) / ref - 1)).toBeLessThan(1e-5);
    expect(k.normalisations[0]).toBeGreaterThan(0.99);
    expect(k.normalisations[0]).toBeLessThan(1.01);
  });

  it('weights branches by their fraction', () => {
    const b1 = { fraction: 0.7, lines: [{ energyMeV: 4.94, secondaries: fixture(4.94) }] };
    const b2 = { fraction: 0.3, lines: [3.68, 1.26].map((e) => ({ energyMeV: e, secondaries: fixture(e) })) };
    const k = gammaKernel('nC12', [b1, b2], grid);
    const kk1 = gammaKernel('a', [{ ...b1, fraction: 1 }], grid);
    const kk2 = gammaKernel('b', [{ ...b2, fraction: 1 }], grid);
    const g = electronVisibleInto(grid.centresMeV, { p0: 1.02, p1: 0.2, p2: 1.5, p3: -0.02 }, new Float64Array(grid.centresMeV.length));
    expect(predictGammaVisibleMeV(k, g)).toBeCloseTo(0.7 * predictGammaVisibleMeV(kk1, g) + 0.3 * predictGammaVisibleMeV(kk2, g), 12);
  });

  it('rejects branches of different total energy and fractions not summing to 1', () => {
    const b = (e: number, fraction: number) => ({ fraction, lines: [{ energyMeV: e, secondaries: fixture(e) }] });
    expect(() => gammaKernel('x', [b(1, 0.5), b(2, 0.5)], grid)).toThrow(/same peak energy/);
    expect(() => gammaKernel('x', [b(1, 0.5)], grid)).toThrow(/expected 1/);
  });
});
