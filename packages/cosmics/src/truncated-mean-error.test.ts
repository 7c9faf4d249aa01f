import { describe, expect, it } from 'vitest';
import { createRng, landau, truncatedMean } from '@nucal/numeric';
import { truncatedMeanWithError } from './truncated-mean-error.js';

describe('truncated mean with winsorised error', () => {
  it('returns numeric truncatedMean as the value', () => {
    const v = Float64Array.of(5, 1, 4, 2, 3, 100, 0.5, 6, 7, 8);
    expect(truncatedMeanWithError(v, 0.1, 0.2).mean).toBe(truncatedMean(v, 0.1, 0.2).mean);
  });

  it('gives an error within 10% of the spread of the estimator over 400 Landau toys of 1000 values (5%/40% cuts)', () => {
    const rng = createRng('tm-error');
    const means: number[] = [];
    let errSum = 0;
    for (let t = 0; t < 400; t++) {
      const v = Float64Array.from({ length: 1000 }, () => landau(rng, 1, 0.1));
      const r = truncatedMeanWithError(v, 0.05, 0.4);
      means.push(r.mean);
      errSum += r.error;
    }
    const m = means.reduce((a, b) => a + b, 0) / means.length;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (means.length - 1));
    // The spread itself is known to 1/sqrt(2 x 399) = 3.5%.
    expect(errSum / 400 / sd).toBeGreaterThan(0.9);
    expect(errSum / 400 / sd).toBeLessThan(1.1);
  });
});
