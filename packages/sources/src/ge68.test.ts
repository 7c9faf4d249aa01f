import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { GE68_ANNIHILATION_GAMMAS_MEV, ge68AnnihilationDirections } from './ge68.js';

describe('Ge-68 annihilation pair', () => {
  it('emits two 0.511 MeV gammas back to back, isotropically (50k pairs, 4 sigma)', () => {
    expect(GE68_ANNIHILATION_GAMMAS_MEV).toEqual([0.51099895, 0.51099895]);
    const rng = createRng('ge68');
    const d = new Float64Array(6);
    const n = 50_000;
    let sumZ = 0;
    let sumZ2 = 0;
    for (let i = 0; i < n; i++) {
      ge68AnnihilationDirections(rng, d, 0);
      const [x, y, z, x2, y2, z2] = d as unknown as number[];
      expect(Math.abs(x! * x! + y! * y! + z! * z! - 1)).toBeLessThan(1e-12);
      expect(x! * x2! + y! * y2! + z! * z2!).toBeCloseTo(-1, 12);
      sumZ += z!;
      sumZ2 += z! * z!;
    }
    // isotropy: <cos> = 0 (sd 1/sqrt(3n)), <cos^2> = 1/3 (sd sqrt(4/45/n))
    expect(Math.abs(sumZ / n)).toBeLessThan(4 / Math.sqrt(3 * n));
    expect(Math.abs(sumZ2 / n - 1 / 3)).toBeLessThan(4 * Math.sqrt(4 / 45 / n));
  });
});
