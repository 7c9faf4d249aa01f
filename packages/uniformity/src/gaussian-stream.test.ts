import { describe, expect, it } from 'vitest';
import { createRng, normalCdf } from '@nucal/numeric';
import { GaussianStream } from './gaussian-stream.js';

describe('GaussianStream (ziggurat)', () => {
  it('has the moments and the tail fractions of a standard normal (4e6 draws)', () => {
    const g = new GaussianStream(createRng('zig'));
    const n = 4_000_000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    const beyond = [0, 0, 0, 0];
    const cuts = [1, 2, 3, 4];
    const bins = new Float64Array(80);
    for (let i = 0; i < n; i++) {
      const x = g.next();
      s1 += x;
      s2 += x * x;
      s4 += x * x * x * x;
      cuts.forEach((c, k) => {
        if (Math.abs(x) > c) beyond[k]! += 1;
      });
      const j = Math.floor((x + 4) * 10);
      if (j >= 0 && j < 80) bins[j]! += 1;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
    cuts.forEach((c, k) => {
      const p = 2 * (1 - normalCdf(c));
      expect(Math.abs(beyond[k]! - n * p)).toBeLessThan(4 * Math.sqrt(n * p) + 1);
    });
    // chi2 of the shape in 80 bins of 0.1 over [-4, 4)
    let chi2 = 0;
    for (let j = 0; j < 80; j++) {
      const e = n * (normalCdf(-4 + (j + 1) / 10) - normalCdf(-4 + j / 10));
      chi2 += (bins[j]! - e) ** 2 / e;
    }
    expect(chi2).toBeLessThan(130); // 80 dof: p ~ 4e-4
  });
});
