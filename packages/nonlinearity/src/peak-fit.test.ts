import { describe, expect, it } from 'vitest';
import { createRng, exponential, normal } from '@nucal/numeric';
import { fitPeak, histogramAroundPeak, nearLimit } from './peak-fit.js';

function sample(seed: string, n: number, mean: number, sigma: number, tailFraction = 0, tailMean = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => normal(rng, mean, sigma) - (tailFraction > 0 && rng.uniform() < tailFraction ? exponential(rng, tailMean) : 0));
}

describe('fitPeak', () => {
  it('recovers a Gaussian peak with the statistical error sigma/sqrt(N)', () => {
    const ev = sample('g', 100_000, 3000, 55);
    const pk = fitPeak(histogramAroundPeak(ev), 'gaussian');
    expect(pk.result.valid).toBe(true);
    // error of the mean of a +-3 sigma window fit is close to sigma/sqrt(N)
    expect(pk.meanErr / (55 / Math.sqrt(100_000))).toBeGreaterThan(0.95);
    expect(pk.meanErr / (55 / Math.sqrt(100_000))).toBeLessThan(1.15);
    expect(Math.abs(pk.mean - 3000) / pk.meanErr).toBeLessThan(3.5);
    expect(Math.abs(pk.sigma - 55) / pk.sigmaErr).toBeLessThan(3.5);
  });

  it('with the leakage tail is unbiased where a pure Gaussian is not', () => {
    const ev = sample('t', 100_000, 1400, 40, 0.15, 60);
    const h = histogramAroundPeak(ev);
    const tail = fitPeak(h, 'gaussian-tail');
    expect(tail.result.valid).toBe(true);
    expect(Math.abs(tail.mean - 1400) / tail.meanErr).toBeLessThan(3.5);
    expect(tail.result.values.tailFraction).toBeGreaterThan(0.1);
    expect(tail.result.values.tailFraction).toBeLessThan(0.2);
    const gauss = fitPeak(h, 'gaussian');
    expect(Math.abs(gauss.mean - 1400) / gauss.meanErr).toBeGreaterThan(5);
  });

  it('falls back to the Gaussian when the tail cannot be resolved', () => {
    const pk = fitPeak(histogramAroundPeak(sample('no-tail', 50_000, 2000, 45)), 'gaussian-tail');
    expect(pk.result.valid).toBe(true);
    expect(pk.model).toBe('gaussian');
    expect(pk.fallbackFrom).toBe('gaussian-tail');
    expect(Math.abs(pk.mean - 2000) / pk.meanErr).toBeLessThan(3.5);
  });

  it('gives pulls of unit width over seeded toys (20 toys, width within 0.6..1.5)', () => {
    const pulls: number[] = [];
    for (let k = 0; k < 20; k++) {
      const pk = fitPeak(histogramAroundPeak(sample(`toy-${k}`, 5000, 500, 20, 0.1, 30)), 'gaussian-tail');
      pulls.push((pk.mean - 500) / pk.meanErr);
    }
    const m = pulls.reduce((s, x) => s + x, 0) / pulls.length;
    const sd = Math.sqrt(pulls.reduce((s, x) => s + (x - m) ** 2, 0) / (pulls.length - 1));
    expect(Math.abs(m)).toBeLessThan(3 / Math.sqrt(20) + 0.1);
    expect(sd).toBeGreaterThan(0.6);
    expect(sd).toBeLessThan(1.5);
  });

  it('falls back to the Gaussian when a limited parameter is within 1e-3 of its range from a limit (not iminuit\'s half-an-error rule)', () => {
    const specs = [
      { name: 'tailFraction' as const, start: 0.05, limits: [0, 0.95] as const },
      { name: 'tailMean' as const, start: 2, limits: [0.05, 50] as const },
      { name: 'free' as const, start: 0 },
      { name: 'fixed' as const, start: 0, limits: [0, 1] as const, fixed: true },
    ];
    const at = (tailFraction: number, tailMean = 2) => nearLimit(specs, { tailFraction, tailMean, free: 1e9, fixed: 0 });
    expect(at(0.0009)).toBe(true);
    expect(at(0.001)).toBe(false); // 0.001 > 0.95e-3: a tail of 0.1% +- 0.5% is not at the limit for this rule
    expect(at(0.05, 49.99)).toBe(true);
    expect(at(0.05, 49.9)).toBe(false);
    expect(nearLimit([{ name: 'x', start: 5, limits: [2, Infinity] }], { x: 2.0009 })).toBe(true);
  });
});
