import { LANDAU_MPV_STANDARD, createRng, landau, langauPdf, normal } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { langauMpv } from './langau-mpv.js';
import { langauAtPoints } from './langau-quadrature.js';

describe('langauAtPoints', () => {
  it('agrees with numeric langauPdf within 2e-4 of the peak for sigma/width 0.1-3', () => {
    for (const sigma of [0.01, 0.05, 0.1, 0.3]) {
      const xs = Float64Array.from({ length: 41 }, (_, i) => 1.4 + 0.03 * i);
      const fast = langauAtPoints(xs, 1.75, 0.1, sigma, new Float64Array(xs.length));
      const peak = Math.max(...fast);
      for (let i = 0; i < xs.length; i += 4) {
        expect(Math.abs(fast[i]! - langauPdf(xs[i]!, 1.75, 0.1, sigma)) / peak).toBeLessThan(2e-4);
      }
    }
  });
});

describe('langauMpv', () => {
  it('recovers the Landau MPV of Landau + Gaussian samples; pulls over 30 samples', () => {
    const rng = createRng('langau');
    const trueMpv = 1.8 + LANDAU_MPV_STANDARD * 0.1;
    const pulls: number[] = [];
    for (let k = 0; k < 30; k++) {
      const v = Float64Array.from({ length: 3000 }, () => landau(rng, 1.8, 0.1) + normal(rng, 0, 0.05));
      const r = langauMpv(v);
      expect(r.fit.valid).toBe(true);
      pulls.push((r.mpv - trueMpv) / r.error);
    }
    const m = pulls.reduce((a, b) => a + b, 0) / pulls.length;
    const sd = Math.sqrt(pulls.reduce((a, b) => a + (b - m) ** 2, 0) / (pulls.length - 1));
    // 30 pulls: mean within 3/sqrt(30) = 0.55, width within 30% of 1
    expect(Math.abs(m)).toBeLessThan(0.55);
    expect(sd).toBeGreaterThan(0.7);
    expect(sd).toBeLessThan(1.3);
  });
});
