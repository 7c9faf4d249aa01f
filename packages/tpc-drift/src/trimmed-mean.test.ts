import { createRng, landau, normal, truncatedMean } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { trimmedMean } from './trimmed-mean.js';

describe('trimmedMean', () => {
  it('has the mean of numeric truncatedMean (same cut convention)', () => {
    const v = [5, 1, 4, 2, 3, 100, 6, 7, 8, 9];
    expect(trimmedMean(v, 0.1, 0.2).mean).toBe(truncatedMean(v, 0.1, 0.2).mean);
    // sorted 1..9,100: drop 1 low, 2 high -> mean of 2..8 = 5
    expect(trimmedMean(v, 0.1, 0.2).mean).toBeCloseTo(5, 12);
  });

  it('its Stigler error matches the spread over 300 Landau-plus-noise samples (the naive error does not)', () => {
    const rng = createRng('stigler');
    const means: number[] = [];
    const errs: number[] = [];
    const naive: number[] = [];
    for (let k = 0; k < 300; k++) {
      const v = Float64Array.from({ length: 1000 }, () => landau(rng, 1.8, 0.1) + normal(rng, 0, 0.05));
      const t = trimmedMean(v, 0.05, 0.2);
      means.push(t.mean);
      errs.push(t.error);
      naive.push(truncatedMean(v, 0.05, 0.2).error);
    }
    const m = means.reduce((a, b) => a + b, 0) / means.length;
    const spread = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1));
    const avg = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    // the spread itself is known to +-4% with 300 samples
    expect(avg(errs) / spread).toBeGreaterThan(0.88);
    expect(avg(errs) / spread).toBeLessThan(1.12);
    expect(avg(naive) / spread).toBeLessThan(0.75);
  });
});
