import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { simulateEvents } from './event-toy.js';

describe('PMT event toy', () => {
  it('dark noise: 30 kHz x 17,612 LPMT x 350 ns = 184.9 PE per window; measured offset within its error', () => {
    const r = simulateEvents([1], createRng('dn'), { randomTriggers: 20_000 });
    expect(r.darkNoiseMeanPe).toBeCloseTo(30e3 * 17612 * 350e-9, 9);
    expect(r.darkNoiseMeanPe).toBeCloseTo(184.93, 2);
    expect(Math.abs(r.darkNoiseOffsetPe - r.darkNoiseMeanPe)).toBeLessThan(4 * r.darkNoiseOffsetErrorPe);
    expect(r.darkNoiseOffsetErrorPe).toBeCloseTo(Math.sqrt(184.93 / 20_000), 2);
  });

  it('reconstructs E_vis without bias and with the Poisson + dark-noise + single-PE width (20k events, 4 sigma)', () => {
    for (const s of [0, 0.3]) {
      const e = 2.223;
      const n = 20_000;
      const r = simulateEvents(new Float64Array(n).fill(e), createRng(`evt-${s}`), { speChargeResolution: s });
      let m = 0;
      for (const x of r.reconstructedMeV) m += x;
      m /= n;
      let v = 0;
      for (const x of r.reconstructedMeV) v += (x - m) ** 2;
      v /= n - 1;
      const expectedVar = ((1345 * e + r.darkNoiseMeanPe) * (1 + s * s)) / 1345 ** 2;
      const err = Math.sqrt(expectedVar / n + (r.darkNoiseOffsetErrorPe / 1345) ** 2);
      expect(Math.abs(m - e)).toBeLessThan(4 * err);
      // variance of a sample variance: 2 sigma^4 / (n - 1)
      expect(Math.abs(v / expectedVar - 1)).toBeLessThan(4 * Math.sqrt(2 / (n - 1)));
    }
  });

  it('is reproducible for a seed and validates its input', () => {
    const a = simulateEvents([1, 2, 3], createRng(5), { speChargeResolution: 0.3 });
    const b = simulateEvents([1, 2, 3], createRng(5), { speChargeResolution: 0.3 });
    expect(Array.from(a.chargePe)).toEqual(Array.from(b.chargePe));
    expect(() => simulateEvents([-1], createRng(1))).toThrow(/visible energy -1 MeV at event 0/);
    expect(() => simulateEvents([1], createRng(1), { y0PePerMeV: 0 })).toThrow(/y0PePerMeV/);
  });
});
