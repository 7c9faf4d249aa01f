import { describe, expect, it } from 'vitest';
import { createRng, exponential, normal } from '@nucal/numeric';
import { peakCdf } from './peak-shape.js';

describe('peakCdf', () => {
  it('is Phi without tail and goes from 0 to 1 with one', () => {
    expect(peakCdf(1, 0, 1)).toBeCloseTo(0.841344746, 7);
    expect(peakCdf(-60, 0, 1, 0.1, 2)).toBeLessThan(1e-9);
    expect(peakCdf(60, 0, 1, 0.1, 2)).toBeCloseTo(1, 9);
  });
  it('matches the empirical CDF of sampled Gaussian-plus-leakage events within 0.003', () => {
    const rng = createRng('peak-cdf');
    const n = 200_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = normal(rng, 100, 3) - (rng.uniform() < 0.2 ? exponential(rng, 5) : 0);
    xs.sort();
    for (const x of [85, 92, 97, 100, 103]) {
      let k = 0;
      while (k < n && xs[k]! <= x) k++;
      expect(Math.abs(k / n - peakCdf(x, 100, 3, 0.2, 5))).toBeLessThan(0.003);
    }
  });
});
