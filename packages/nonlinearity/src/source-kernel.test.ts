import { describe, expect, it } from 'vitest';
import { SOURCE_IDS, getSource, totalGammaEnergyMeV } from '@nucal/sources';
import { electronGrid } from './electron-grid.js';
import { predictGammaVisibleMeV } from './gamma-prediction.js';
import { electronVisibleInto } from './model.js';
import { SecondariesOptions } from './secondaries.js';
import { sourceKernel } from './source-kernel.js';

const grid = electronGrid();
const secondaries = SecondariesOptions.parse({ events: 20_000 });

describe('sourceKernel (P(E_e) from the optics transport toy)', () => {
  it('has the normalisation I within 0.1% of 1 for every catalogue source (PHYSICS.md 1.4: "within a fraction of a percent")', () => {
    for (const id of SOURCE_IDS) {
      const k = sourceKernel(id, grid, secondaries);
      for (const norm of k.normalisations) expect(Math.abs(norm - 1)).toBeLessThan(1e-3);
      expect(k.energyMeV).toBeCloseTo(totalGammaEnergyMeV(getSource(id).channels[0]!), 3);
    }
  });
  it('predicts E_gamma for a linear response and sub-linear values for a quenched one', () => {
    const g = new Float64Array(grid.centresMeV.length);
    electronVisibleInto(grid.centresMeV, { p0: 1, p1: 0, p2: 1, p3: 0 }, g);
    const co60 = sourceKernel('Co-60', grid, secondaries);
    expect(predictGammaVisibleMeV(co60, g)).toBeCloseTo(2.50572, 4);
    // quenching below ~1 MeV: the Cs-137 gamma (many low-energy electrons) loses more than nH
    electronVisibleInto(grid.centresMeV, { p0: 1, p1: 0.3, p2: 2, p3: 0 }, g);
    const cs = predictGammaVisibleMeV(sourceKernel('Cs-137', grid, secondaries), g) / 0.661657;
    const nh = predictGammaVisibleMeV(sourceKernel('nH', grid, secondaries), g) / 2.223247;
    expect(cs).toBeLessThan(nh - 0.02);
  });
  it('is cached: the same object for the same grid and options', () => {
    expect(sourceKernel('nH', grid, secondaries)).toBe(sourceKernel('nH', grid, secondaries));
  });
});
