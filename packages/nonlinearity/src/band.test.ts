import { describe, expect, it } from 'vitest';
import { createRng, normal, quantileSorted } from '@nucal/numeric';
import { statisticalBandRel, systematicBand } from './band.js';
import { nonlinearityChi2 } from './chi2.js';
import { fitNonlinearity } from './fit.js';
import { fNonlin } from './model.js';
import { drawModelToy } from './model-toy.js';
import { FIXTURE_TRUTH, fixtureTemplate } from './test-fixtures.js';

describe('bands', () => {
  const template = fixtureTemplate();
  const toy = drawModelToy(template, FIXTURE_TRUTH, createRng('band'));
  const b12 = { folder: template.b12!.folder, counts: toy.b12Counts! };
  const fit = fitNonlinearity(template.grid, toy.gammas, nonlinearityChi2(template.grid, toy.gammas, b12));
  const cov = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => fit.result.covariance[i]![j]!));

  it('statistical band equals a finite-difference propagation of the covariance', () => {
    const e = 3;
    const names = ['p0', 'p1', 'p2', 'p3'] as const;
    const j = names.map((n) => {
      const h = 1e-6 * Math.max(1, Math.abs(fit.params[n]));
      return (fNonlin(e, { ...fit.params, [n]: fit.params[n] + h }) - fNonlin(e, { ...fit.params, [n]: fit.params[n] - h })) / (2 * h);
    });
    let v = 0;
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) v += j[a]! * j[b]! * cov[a]![b]!;
    expect(statisticalBandRel(fit.params, cov, [e])[0]).toBeCloseTo(Math.sqrt(v) / fNonlin(e, fit.params), 8);
  });

  it('a correlated 0.3% scale effect gives the band of the drawn scale factors (gammas only: f scales exactly)', () => {
    const effect = { name: 'scale', mode: 'correlated' as const, lowEnergyRel: 0.003, highEnergyRel: 0.003 };
    const mocks = 60;
    const gammaFit = fitNonlinearity(template.grid, toy.gammas, nonlinearityChi2(template.grid, toy.gammas));
    const band = systematicBand({
      grid: template.grid,
      gammas: toy.gammas,
      nominal: { params: gammaFit.params, covariance: cov },
      effects: [effect],
      mocks,
      energyMeV: [0.5, 1, 3, 8],
      rng: createRng('scale-band'),
    });
    // the same draws as the band: mock k of set s uses createRng(`${seed}/${s}/${k}`)
    const z = Float64Array.from({ length: mocks }, (_, k) => 0.003 * normal(createRng(`scale-band/scale/${k}`))).sort();
    const lo = quantileSorted(z, 0.15865525393145707);
    const hi = quantileSorted(z, 1 - 0.15865525393145707);
    const scale = band.effects.find((e) => e.name === 'scale')!;
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(scale.lowRel[i]! - lo)).toBeLessThan(0.02 * Math.abs(lo));
      expect(Math.abs(scale.highRel[i]! - hi)).toBeLessThan(0.02 * Math.abs(hi));
    }
    expect(band.effects.map((e) => e.name)).toEqual(['scale', 'all-systematics', 'statistical']);
    // total = all systematics (+) statistical
    const all = band.effects[1]!;
    const stat = band.effects[2]!;
    expect(band.highRel[2]).toBeCloseTo(Math.hypot(all.highRel[2]!, stat.highRel[2]!), 12);
  });
});
