import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { mean, stdDev, variance } from './moments.js';
import { median, quantile } from './quantile.js';
import { truncatedMean } from './truncated-mean.js';
import { weightedMean } from './weighted-mean.js';
import { createRng } from '../random/rng.js';
import { landau } from '../random/landau.js';
import { normal } from '../random/normal.js';

describe('descriptive statistics', () => {
  it('mean, variance, stdDev', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 14);
    expect(stdDev(new Float64Array([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(Math.sqrt(32 / 7), 14);
    // large offset: the corrected two-pass formula keeps the variance exact
    expect(variance([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 6);
    expect(() => mean([])).toThrow(ValidationError);
    expect(() => variance([1])).toThrow(/1 values; expected at least 2/);
  });
  it('quantile (type 7, as R and NumPy) and median', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(() => quantile([1], 1.5)).toThrow(/q = 1.5/);
    expect(() => median([1, Number.NaN])).toThrow(/NaN/);
  });
  it('truncatedMean drops floor(f n) values at each end; error from the winsorized variance', () => {
    const v = [100, 1, 2, 3, 4, 5, 6, 7, 8, -50];
    const r = truncatedMean(v, 0.1, 0.1);
    expect(r.kept).toBe(8);
    expect(r.mean).toBe(4.5);
    // winsorized at the kept ends: -50 -> 1, 100 -> 8; s_w sqrt(n) / kept
    expect(r.error).toBeCloseTo((stdDev([1, 1, 2, 3, 4, 5, 6, 7, 8, 8]) * Math.sqrt(10)) / 8, 14);
    // asymmetric: drop 1 low, 3 high -> winsorized [1, 1, 2, 3, 4, 5, 6, 6, 6, 6]
    const a = truncatedMean(v, 0.1, 0.3);
    expect(a.mean).toBe(3.5);
    expect(a.error).toBeCloseTo((stdDev([1, 1, 2, 3, 4, 5, 6, 6, 6, 6]) * Math.sqrt(10)) / 6, 14);
    // no trimming: the standard error of the mean
    expect(truncatedMean(v, 0, 0).error).toBeCloseTo(stdDev(v) / Math.sqrt(10), 14);
    expect(truncatedMean(v, 0, 0.5).kept).toBe(5);
    expect(truncatedMean([3], 0, 0)).toEqual({ mean: 3, error: 0, kept: 1 });
    expect(() => truncatedMean(v, 0.6, 0.5)).toThrow(ValidationError);
  });
  it('truncatedMean error matches the spread of the estimator over 1000 seeded toys within 10% (Landau and Gaussian, symmetric and asymmetric cuts)', () => {
    // 1000 toys: the toys' standard deviation is known to 2.2%, so 10% is a 4.5-sigma bound.
    const rng = createRng('truncated-mean-error');
    const cases = [
      { label: 'Landau 5%/20%', draw: () => landau(rng, 1.8, 0.1), low: 0.05, high: 0.2, n: 400 },
      { label: 'Landau+noise 5%/20%', draw: () => landau(rng, 1.8, 0.1) + normal(rng, 0, 0.05), low: 0.05, high: 0.2, n: 1000 },
      { label: 'Landau 10%/10%', draw: () => landau(rng, 0, 1), low: 0.1, high: 0.1, n: 400 },
      { label: 'Gaussian 5%/20%', draw: () => normal(rng, 3, 2), low: 0.05, high: 0.2, n: 400 },
      { label: 'Gaussian 25%/25%', draw: () => normal(rng, 3, 2), low: 0.25, high: 0.25, n: 200 },
    ];
    const toys = 1000;
    for (const c of cases) {
      const means = new Float64Array(toys);
      let errSum = 0;
      let naiveSum = 0;
      for (let k = 0; k < toys; k++) {
        const v = Float64Array.from({ length: c.n }, c.draw);
        const r = truncatedMean(v, c.low, c.high);
        means[k] = r.mean;
        errSum += r.error;
        const kept = v.sort().subarray(Math.floor(c.low * c.n), c.n - Math.floor(c.high * c.n));
        naiveSum += stdDev(kept) / Math.sqrt(kept.length);
      }
      const ratio = errSum / toys / stdDev(means);
      expect(Math.abs(ratio - 1), `${c.label}: mean reported error / spread = ${ratio}`).toBeLessThan(0.1);
      // the spread of the kept values alone understates it (by about a third for a Landau)
      if (c.label.startsWith('Landau')) expect(naiveSum / toys / stdDev(means), c.label).toBeLessThan(0.8);
    }
  });
  it('weightedMean', () => {
    const r = weightedMean([1.0, 1.2], [0.1, 0.2]);
    expect(r.mean).toBeCloseTo((1 / 0.01 + 1.2 / 0.04) / (1 / 0.01 + 1 / 0.04), 14);
    expect(r.error).toBeCloseTo(1 / Math.sqrt(125), 14);
    expect(r.chi2).toBeCloseTo((1 - r.mean) ** 2 / 0.01 + (1.2 - r.mean) ** 2 / 0.04, 12);
    expect(r.ndof).toBe(1);
    expect(() => weightedMean([1], [0])).toThrow(/errors\[0\] = 0/);
  });
});
