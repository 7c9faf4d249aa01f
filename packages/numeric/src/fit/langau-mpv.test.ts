import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from '../random/rng.js';
import { landau, LANDAU_MPV_STANDARD } from '../random/landau.js';
import { normal } from '../random/normal.js';
import { langauMpv } from './langau-mpv.js';

const meanSd = (a: readonly number[]): { mean: number; sd: number } => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return { mean: m, sd: Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1)) };
};

describe('langauMpv', () => {
  it('recovers the MPV of Landau + Gaussian samples: pulls over 60 seeded samples', () => {
    const rng = createRng('langau-mpv');
    const trueMpv = 1.8 + LANDAU_MPV_STANDARD * 0.1;
    const pulls: number[] = [];
    for (let k = 0; k < 60; k++) {
      const v = Float64Array.from({ length: 3000 }, () => landau(rng, 1.8, 0.1) + normal(rng, 0, 0.05));
      const r = langauMpv(v);
      expect(r.fit.valid).toBe(true);
      expect(r.fit.parameters).toEqual(['mpv', 'width', 'sigma']);
      pulls.push((r.mpv - trueMpv) / r.error);
    }
    const { mean, sd } = meanSd(pulls);
    // 60 pulls: mean within 3/sqrt(60) = 0.39 of 0, width within 25% of 1 (its own spread is 9%)
    expect(Math.abs(mean)).toBeLessThan(0.39);
    expect(sd).toBeGreaterThan(0.75);
    expect(sd).toBeLessThan(1.25);
  });

  it('fits noiseless Landau samples (sigma runs to 0) and is deterministic', () => {
    const rng = createRng('langau-mpv-landau');
    const pulls: number[] = [];
    for (let k = 0; k < 40; k++) {
      const v = Float64Array.from({ length: 2000 }, () => landau(rng, 5, 0.4));
      const r = langauMpv(v);
      expect(r.fit.valid).toBe(true);
      pulls.push((r.mpv - (5 + LANDAU_MPV_STANDARD * 0.4)) / r.error);
      expect(r.sigma).toBeLessThan(r.width);
      expect(r.sigma).toBeGreaterThanOrEqual(0);
      expect(r.fit.values.sigma).toBe(r.sigma);
    }
    const { mean, sd } = meanSd(pulls);
    // 40 pulls: mean within 3/sqrt(40) = 0.47 of the sigma = 0 edge's bias (-0.25 over 900 toys,
    // see langauMpv), width within 30% of 1
    expect(Math.abs(mean + 0.25)).toBeLessThan(0.47);
    expect(Math.abs(sd - 1)).toBeLessThan(0.3);
    const v = Float64Array.from({ length: 500 }, (_, i) => landau(createRng(`d${i}`), 1, 0.1));
    expect(langauMpv(v)).toEqual(langauMpv(v));
  });

  it('rejects too few or degenerate values', () => {
    expect(() => langauMpv(new Float64Array(49))).toThrow(ValidationError);
    expect(() => langauMpv(new Float64Array(100).fill(2))).toThrow(/degenerate/);
    expect(() => langauMpv(new Float64Array(100).fill(Number.NaN))).toThrow(/NaN/);
  });
});
