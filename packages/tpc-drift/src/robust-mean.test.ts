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

  it('Gaussian data: the sandwich error is the naive one within 3%', () => {
    const rng = createRng('cm-gauss-err');
    const x = Array.from({ length: 20000 }, () => normal(rng, 0, 1));
    const r = clippedMean(x);
    expect(r.error / r.naiveError).toBeGreaterThan(1);
    // expected 1.015 / 0.988 = 1.027 (sandwich sigma/sqrt(0.9707 n) against the clipped rms)
    expect(r.error / r.naiveError).toBeLessThan(1.04);
  });

  it('heavy tails: pulls with the sandwich error have width 1 (naive error: too narrow)', () => {
    // Student t with 3 degrees of freedom: like the per-end drift times, ~4% clipped at 3 sigma.
    // 600 toys of 300 values; width error 1/sqrt(1200) = 0.029, tolerance +-0.09 (3 errors).
    // Measured over 1000 toys: sandwich width 1.026, naive 1.132 (n = 300).
    const seed = 'cm-tails';
    const rng = createRng(seed);
    const pulls: number[] = [];
    const naivePulls: number[] = [];
    let clippedFraction = 0;
    for (let t = 0; t < 600; t++) {
      const x = Array.from({ length: 300 }, () => {
        const z = normal(rng, 0, 1);
        let c = 0;
        for (let i = 0; i < 3; i++) c += normal(rng, 0, 1) ** 2;
        return z / Math.sqrt(c / 3);
      });
      const r = clippedMean(x);
      pulls.push(r.mean / r.error);
      naivePulls.push(r.mean / r.naiveError);
      clippedFraction += r.nRejected / 300 / 600;
    }
    const width = (p: number[]) => Math.sqrt(p.reduce((s, v) => s + v * v, 0) / p.length);
    expect(clippedFraction, `seed ${seed}`).toBeGreaterThan(0.02);
    expect(width(pulls), `seed ${seed}`).toBeGreaterThan(0.91);
    expect(width(pulls), `seed ${seed}`).toBeLessThan(1.09);
    // same toys, so the ratio is far less noisy than either width
    expect(width(naivePulls) / width(pulls), `seed ${seed}`).toBeGreaterThan(1.06);
  });
});
