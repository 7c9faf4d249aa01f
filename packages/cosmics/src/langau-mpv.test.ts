import { describe, expect, it } from 'vitest';
import { LANDAU_MPV_STANDARD, createRng, landau, langauPdf, normal } from '@nucal/numeric';
import { langauDensityFast, langauMpv } from './langau-mpv.js';

describe('Landau-Gaussian density (fixed-node sum)', () => {
  it('agrees with numeric langauPdf to 3e-5 of the peak for sigma up to 2 Landau widths', () => {
    for (const s of [0, 0.3, 1, 2]) {
      const sigma = s * 0.05;
      const peak = langauPdf(1, 1, 0.05, sigma);
      let worst = 0;
      for (let x = 0.6; x < 2; x += 0.0137) worst = Math.max(worst, Math.abs(langauDensityFast(x, 1, 0.05, sigma) - langauPdf(x, 1, 0.05, sigma)) / peak);
      expect(worst, `sigma ${s} widths`).toBeLessThan(3e-5);
    }
  });
});

describe('langauMpv', () => {
  it('recovers the Landau MPV with standard-normal pulls over 60 toys of 1000 Landau + Gaussian values', () => {
    const rng = createRng('langau-mpv');
    const mpv = 50;
    const width = 3;
    const sigma = 1.5;
    const pulls: number[] = [];
    for (let t = 0; t < 60; t++) {
      const v = Float64Array.from({ length: 1000 }, () => landau(rng, mpv - LANDAU_MPV_STANDARD * width, width) + normal(rng, 0, sigma));
      const r = langauMpv(v);
      pulls.push((r.mpv - mpv) / r.error);
    }
    const m = pulls.reduce((a, b) => a + b, 0) / pulls.length;
    const w = Math.sqrt(pulls.reduce((a, b) => a + (b - m) ** 2, 0) / (pulls.length - 1));
    // 3/sqrt(60) = 0.39 on the mean; the width is known to 9%, so 20% is a 2-sigma band.
    expect(Math.abs(m), `pull mean ${m}`).toBeLessThan(0.39);
    expect(w, `pull width ${w}`).toBeGreaterThan(0.8);
    expect(w, `pull width ${w}`).toBeLessThan(1.2);
  });

  it('refuses fewer than 50 values', () => {
    expect(() => langauMpv(new Float64Array(20).fill(1))).toThrow(/at least 50/);
  });
});
