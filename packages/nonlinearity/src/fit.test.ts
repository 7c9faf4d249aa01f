import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { nonlinearityChi2 } from './chi2.js';
import { fitNonlinearity } from './fit.js';
import { NONLIN_PARAMETERS } from './model.js';
import { drawModelToy } from './model-toy.js';
import { FIXTURE_TRUTH, fixtureTemplate } from './test-fixtures.js';

describe('fitNonlinearity (in-family, fixture kernels)', () => {
  const template = fixtureTemplate();
  it('recovers the true parameters within 4 sigma with a sensible chi2', () => {
    const toy = drawModelToy(template, FIXTURE_TRUTH, createRng('fit-test'));
    const chi2 = nonlinearityChi2(template.grid, toy.gammas, { folder: template.b12!.folder, counts: toy.b12Counts! });
    const t0 = performance.now();
    const fit = fitNonlinearity(template.grid, toy.gammas, chi2);
    const ms = performance.now() - t0;
    expect(fit.result.valid).toBe(true);
    expect(fit.result.ndof).toBe(9 + 90 - 4 - 1);
    expect(fit.result.chi2 / fit.result.ndof).toBeLessThan(1.6);
    for (const p of NONLIN_PARAMETERS) {
      expect(Math.abs(fit.result.values[p] - FIXTURE_TRUTH[p]) / fit.result.errors[p]).toBeLessThan(4);
    }
    expect(ms).toBeLessThan(2000);
  });
  it('is wrong when the data are shifted: a 1% scale shift moves p0 by ~1%', () => {
    const toy = drawModelToy(template, FIXTURE_TRUTH, createRng('fit-test'));
    const shifted = toy.gammas.map((g) => ({ ...g, measuredMeV: g.measuredMeV * 1.01 }));
    const fit = fitNonlinearity(template.grid, shifted, nonlinearityChi2(template.grid, shifted));
    expect(fit.params.p0 / FIXTURE_TRUTH.p0 - 1).toBeCloseTo(0.01, 3);
  });
});
