import { describe, expect, it } from 'vitest';
import { normalCdf } from '@nucal/numeric';
import { b12Folder } from './b12-prediction.js';
import { electronGrid } from './electron-grid.js';
import { electronVisibleInto } from './model.js';

const grid = electronGrid();
const linear = electronVisibleInto(grid.centresMeV, { p0: 1, p1: 0, p2: 1, p3: 0 }, new Float64Array(grid.centresMeV.length));

/** A narrow box spectrum (width 10 keV) around `e` MeV. */
function line(e: number) {
  const kineticEnergyMeV = Float64Array.from({ length: 10 }, (_, i) => e - 0.005 + (i + 0.5) * 0.001);
  return { kineticEnergyMeV, density: new Float64Array(10).fill(100) };
}

describe('b12Folder', () => {
  it('folds a mono-energetic beta into a Gaussian of the configured resolution', () => {
    const res = { aPercent: 3, bPercent: 0, cPercent: 0 };
    const folder = b12Folder([{ label: 'line', fraction: 1, ...line(6) }], grid, res);
    const out = folder.predictShape(linear, new Float64Array(90));
    const sigma = 0.03 * Math.sqrt(6);
    let sum = 0;
    let mean = 0;
    let m2 = 0;
    out.forEach((v, j) => {
      const c = 3 + (j + 0.5) * 0.1;
      sum += v;
      mean += v * c;
      m2 += v * c * c;
    });
    mean /= sum;
    const rms = Math.sqrt(m2 / sum - mean * mean);
    expect(sum).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(6, 3);
    // binned rms includes the bin width (0.1^2/12) and the 10 keV box
    expect(rms).toBeCloseTo(Math.sqrt(sigma * sigma + 0.01 / 12 + 1e-4 / 12), 3);
    // the bin containing the mean has the Gaussian bin probability
    const j = Math.floor((6 - 3) / 0.1);
    const s = Math.sqrt(sigma * sigma + 1e-4 / 12);
    const expected = normalCdf((3 + (j + 1) * 0.1 - 6) / s) - normalCdf((3 + j * 0.1 - 6) / s);
    expect(Math.abs(out[j]! / expected - 1)).toBeLessThan(2e-4);
  });

  it('shifts a component by the visible energy of its added gammas, scales with f and keeps only the window', () => {
    const res = { aPercent: 3, bPercent: 0, cPercent: 0 };
    const half = b12Folder(
      [
        { label: 'a', fraction: 0.5, ...line(5) },
        { label: 'b', fraction: 0.5, ...line(13.2) }, // visible 13.2, outside the window
      ],
      grid,
      res,
    );
    const out = half.predictShape(linear, new Float64Array(90));
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(0.5, 5);
    const scaled = electronVisibleInto(grid.centresMeV, { p0: 1.1, p1: 0, p2: 1, p3: 0 }, new Float64Array(grid.centresMeV.length));
    const o2 = half.predictShape(scaled, new Float64Array(90));
    let mean = 0;
    let sum = 0;
    o2.forEach((v, j) => {
      mean += v * (3 + (j + 0.5) * 0.1);
      sum += v;
    });
    expect(mean / sum).toBeCloseTo(5.5, 2);
  });
});
