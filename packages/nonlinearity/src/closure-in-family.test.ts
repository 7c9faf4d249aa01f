import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { b12FolderFromSources } from './b12-components.js';
import { nonlinearityChi2 } from './chi2.js';
import { electronGrid } from './electron-grid.js';
import { fitNonlinearity } from './fit.js';
import { NONLIN_PARAMETERS } from './model.js';
import { drawModelToy, type ModelToyTemplate } from './model-toy.js';
import { SecondariesOptions } from './secondaries.js';
import { DEFAULT_SOURCES } from './simulate.js';
import { sourceKernel } from './source-kernel.js';
import { DEFAULT_SYSTEMATICS } from './systematics.js';

/**
 * In-family closure (PHYSICS.md 4): toys drawn from the fit model itself with known p0..p3 on
 * the real P(E_e) of the optics transport toy: 9 gamma peaks with the statistical errors of
 * 100,000 events (K-40 6,000) at Y0 = 1345 PE/MeV with 30% charge resolution and dark noise,
 * each toy's AmC peak biased by its own 0.4% x N(0,1) n-p recoil (the uncorrelated effect of
 * PHYSICS.md 1.2) and fitted with sigma_i = stat (+) 0.4%, as the calibration does, and one
 * month of B-12 (15,500 events in 3-12 MeV, Poisson per bin).
 * Tolerances for N = 100 toys: pull mean within 0.3 of 0 (3/sqrt(N)), width 0.8-1.2,
 * 1-sigma coverage 68% +- 10%; the 100 fits must take < 30 s.
 */
describe('in-family closure (pulls)', () => {
  it('gives standard-normal pulls of p0..p3 over 100 seeded toys', () => {
    const grid = electronGrid();
    const secondaries = SecondariesOptions.parse({});
    const resolution = { aPercent: 100 * Math.sqrt(1.09 / 1345), bPercent: 0, cPercent: (100 * Math.sqrt(1.09 * 184.9)) / 1345 };
    const truth = { p0: 1.034, p1: 0.047, p2: 1.22, p3: -0.0021 };
    const template: ModelToyTemplate = {
      grid,
      gammas: DEFAULT_SOURCES.map((id) => {
        const kernel = sourceKernel(id, grid, secondaries);
        const e = kernel.energyMeV;
        const sigmaMeV = Math.sqrt((1.09 * e) / 1345 + (1.09 * 184.9) / 1345 ** 2);
        return { kernel, errorMeV: sigmaMeV / Math.sqrt(id === 'K-40' ? 6000 : 100_000) };
      }),
      b12: { folder: b12FolderFromSources(grid, secondaries, resolution, {}, 0.03), expectedEvents: 15_500 },
      effects: DEFAULT_SYSTEMATICS,
    };
    const nToys = 100;
    const root = createRng('in-family-pulls');
    const pulls: Record<string, number[]> = { p0: [], p1: [], p2: [], p3: [] };
    let valid = 0;
    const t0 = performance.now();
    for (let k = 0; k < nToys; k++) {
      const toy = drawModelToy(template, truth, root.fork(`toy-${k}`));
      const amc = toy.gammas.find((g) => g.kernel.id === 'AmC')!;
      expect(amc.errorMeV / amc.measuredMeV).toBeGreaterThan(0.004); // sigma_i, not the 0.005% statistical error
      const chi2 = nonlinearityChi2(grid, toy.gammas, { folder: template.b12!.folder, counts: toy.b12Counts! });
      const fit = fitNonlinearity(grid, toy.gammas, chi2);
      if (fit.result.valid) valid++;
      for (const p of NONLIN_PARAMETERS) pulls[p]!.push((fit.result.values[p] - truth[p]) / fit.result.errors[p]);
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`in-family: ${nToys} toys fitted in ${seconds.toFixed(1)} s, ${valid} valid`);
    expect(seconds).toBeLessThan(30);
    expect(valid).toBe(nToys);
    for (const p of NONLIN_PARAMETERS) {
      const x = pulls[p]!;
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      const width = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1));
      const coverage = x.filter((v) => Math.abs(v) < 1).length / x.length;
      console.log(`pull ${p}: mean ${mean.toFixed(3)} width ${width.toFixed(3)} coverage ${(100 * coverage).toFixed(0)}%`);
      expect(Math.abs(mean)).toBeLessThan(0.3);
      expect(width).toBeGreaterThan(0.8);
      expect(width).toBeLessThan(1.2);
      expect(Math.abs(coverage - 0.68)).toBeLessThan(0.1);
    }
  });
});
