import { describe, expect, it } from 'vitest';
import { createRng, Hist1D, normal, regularAxis } from '@nucal/numeric';
import { residualMapFunction, vertexRadiusFraction } from './b12-residual-map.js';
import { shiftedB12Counts } from './b12-systematics.js';
import { electronGrid } from './electron-grid.js';
import { drawSystematics, SystematicEffect } from './systematics.js';
import { fixtureB12Folder, fixtureKernels } from './test-fixtures.js';

const grid = electronGrid();
const kernels = fixtureKernels(grid);
const folder = fixtureB12Folder(grid, kernels);
const points = kernels.map((kernel) => ({ kernel, measuredMeV: kernel.energyMeV, errorMeV: 1e-4 }));
// a smooth falling spectrum over the preselection 2.5-12.5 MeV: 60,000 events
const rng = createRng('b12-sys');
const eventsMeV = Float64Array.from({ length: 60_000 }, () => 2.5 + 10 * (1 - Math.sqrt(rng.uniform())));
const fill = (e: ArrayLike<number>) => {
  const h = new Hist1D(regularAxis(90, 3, 12));
  h.fillArray(Float64Array.from(e));
  return h.values();
};
const counts = fill(eventsMeV);
const s3 = residualMapFunction({ kind: 'power', power: 3 });

describe('systematic effects on the B-12 events', () => {
  it('the power residual map has RMS 1 over the uniformly filled sphere, zero at the centre', () => {
    for (const power of [1, 2, 3, 5]) {
      const s = residualMapFunction({ kind: 'power', power });
      let sum2 = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) sum2 += s(vertexRadiusFraction((i + 0.5) / n)) ** 2;
      expect(Math.sqrt(sum2 / n)).toBeCloseTo(1, 4);
      expect(s(0)).toBe(0);
    }
    expect(residualMapFunction({ kind: 'table', radiusFraction: [0, 1], residual: [0.5, -1] })(0.5)).toBeCloseTo(-0.25, 12);
  });

  it('a scale effect moves every event by z x magnitude with the z the gamma peaks got', () => {
    const effect = SystematicEffect.parse({ name: 'inst', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003, b12: 'scale' });
    const { gammas, z } = drawSystematics(points, [effect], createRng('m1'));
    const rel = gammas[0]!.measuredMeV / points[0]!.measuredMeV - 1;
    expect(rel).toBeCloseTo(0.003 * z[0]!, 12);
    const moved = shiftedB12Counts({ folder, counts, eventsMeV }, points, [effect], z, s3, createRng('v'));
    expect(Array.from(moved)).toEqual(Array.from(fill(eventsMeV.map((e) => e * (1 + rel)))));
    // the histogram form (no events) agrees: the events moved across an edge are binomial in
    // the histogram form's uniform share |rel| E / 0.1 MeV of each bin at each of its two edges
    const fromHist = shiftedB12Counts({ folder, counts }, points, [effect], z, s3, createRng('v'));
    for (let j = 1; j < 89; j++) {
      const share = Math.min(1, (Math.abs(rel) * (3.05 + 0.1 * j)) / 0.1);
      expect(Math.abs(fromHist[j]! - moved[j]!)).toBeLessThan(4 * Math.sqrt(2 * counts[j]! * share) + 1);
    }
    // effects without a b12 mode leave the events as measured
    const sourcesOnly = SystematicEffect.parse({ name: 'shadow', mode: 'correlated', lowEnergyRel: 0.002, highEnergyRel: 0.001 });
    expect(Array.from(shiftedB12Counts({ folder, counts, eventsMeV }, points, [sourcesOnly], [1.5], s3, createRng('v')))).toEqual(Array.from(counts));
  });

  it('a vertex effect moves each event by z x magnitude x s(rho) at its own vertex: mean sqrt(3)/2, RMS 1 in units of z x magnitude', () => {
    const effect = SystematicEffect.parse({ name: 'pos', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003, b12: 'vertex' });
    // a large z so the shift is many bins: compare the mean energy inside the window
    const z = [10];
    const moved = shiftedB12Counts({ folder, counts, eventsMeV: Float64Array.from({ length: 20_000 }, () => 7.5) }, points, [effect], z, s3, createRng('v2'));
    const centres = Array.from({ length: 90 }, (_, j) => 3.05 + 0.1 * j);
    const n = moved.reduce((a, b) => a + b, 0);
    const mean = moved.reduce((a, c, j) => a + c * centres[j]!, 0) / n;
    const rms = Math.sqrt(moved.reduce((a, c, j) => a + c * (centres[j]! - 7.5) ** 2, 0) / n);
    // 7.5 MeV x 3% x s: mean 7.5 x 0.03 x 0.866 = 0.195 MeV, RMS 7.5 x 0.03 = 0.225 MeV (binning adds 0.1^2/12)
    expect(mean - 7.5).toBeCloseTo(0.195, 2);
    expect(Math.sqrt(rms ** 2 - 0.1 ** 2 / 12)).toBeCloseTo(0.225, 2);
    // the histogram form spreads the falling spectrum over shells as the events form does over vertices
    const meanOf = (h: Float64Array) => h.reduce((a, c, j) => a + c * centres[j]!, 0) / h.reduce((a, b) => a + b, 0);
    const hist = shiftedB12Counts({ folder, counts }, points, [effect], z, s3, createRng('v2'));
    const events = shiftedB12Counts({ folder, counts, eventsMeV }, points, [effect], z, s3, createRng('v2'));
    console.log(`vertex effect, z = 10: mean energy in the window ${meanOf(counts).toFixed(4)} -> ${meanOf(events).toFixed(4)} (events), ${meanOf(hist).toFixed(4)} (histogram) MeV`);
    expect(meanOf(events) - meanOf(counts)).toBeGreaterThan(0.05);
    expect(Math.abs(meanOf(hist) - meanOf(events))).toBeLessThan(0.01);
  });

  it('refuses a b12 mode on an uncorrelated effect', () => {
    expect(SystematicEffect.safeParse({ name: 'x', mode: 'uncorrelated', lowEnergyRel: 0.01, highEnergyRel: 0.01, b12: 'scale' }).success).toBe(false);
  });

  it('is reproducible and draws the vertices from the stream it is given', () => {
    const effect = SystematicEffect.parse({ name: 'pos', mode: 'correlated', lowEnergyRel: 0.003, highEnergyRel: 0.003, b12: 'vertex' });
    const z = [normal(createRng('z'))];
    const a = shiftedB12Counts({ folder, counts, eventsMeV }, points, [effect], z, s3, createRng('same'));
    const b = shiftedB12Counts({ folder, counts, eventsMeV }, points, [effect], z, s3, createRng('same'));
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
