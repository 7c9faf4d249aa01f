import { createRng, normal } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { clippedMean } from './robust-mean.js';

describe('clippedMean', () => {
  it('drops a far outlier (hand-computed)', () => {
    const r = clippedMean([1.0, 1.1, 0.9, 1.05, 50]);
    expect(r.nRejected).toBe(1);
    expect(r.mean).toBeCloseTo(1.0125, 12);
  });

  it('for Gaussian data: mean and rms within their statistical errors, chi2/ndof about 1', () => {
    const rng = createRng('cm');
    const x = Array.from({ length: 20000 }, () => normal(rng, 3, 2));
    const r = clippedMean(x);
    expect(Math.abs(r.mean - 3)).toBeLessThan(3 * r.error);
    // 3-sigma clipping keeps 99.73% and lowers the rms by 1.3%
    expect(r.rms / 2).toBeCloseTo(0.987, 1);
    expect(r.ndof).toBe(7);
    expect(r.chi2).toBeLessThan(24); // 99.9% quantile of chi2(7)
  });

  it('the chi2 flags a non-Gaussian core', () => {
    const rng = createRng('flat');
    const x = Array.from({ length: 20000 }, () => rng.uniform());
    expect(clippedMean(x).chi2).toBeGreaterThan(100);
  });
});
