import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { buildResponseMap, responseAtVertex, type ResponseMap } from './build-response-map.js';

// The nominal detector with uniform QE on the default grid: one build shared by the tests.
let map: ResponseMap;
beforeAll(() => {
  map = buildResponseMap({ qeRelSpread: 0 });
});

const gEq = (rCm: number) => map.peMeV(rCm, 0, 0) / map.centrePeMeV;
const gAxis = (zCm: number) => map.peMeV(0, 0, zCm) / map.centrePeMeV;

describe('response map of the nominal detector: features', () => {
  it('is normalised to Y0 = 1345 PE/MeV at the centre', () => {
    expect(map.centrePeMeV).toBeCloseTo(1345, 6);
    expect(map.peMeV(0, 0, 0)).toBeCloseTo(1345, 6);
    expect(map.g(0, 0, 0)).toBeCloseTo(1, 12);
  });

  it('rises slowly from the centre: +1.1% at 5 m, +4.6% at 10 m, +10.4% at 15 m on the equator, monotonically', () => {
    expect(gEq(500)).toBeCloseTo(1.011, 3);
    expect(gEq(1000)).toBeCloseTo(1.046, 3);
    expect(gEq(1500)).toBeCloseTo(1.104, 3);
    let prev = 1;
    for (let r = 100; r <= 1500; r += 100) {
      expect(gEq(r)).toBeGreaterThan(prev);
      prev = gEq(r);
    }
  });

  it('falls sharply beyond the onset of total internal reflection: -5% from 15.5 to 16.0 m, -13% from 15.5 to 17.5 m', () => {
    const peak = gEq(1550);
    expect(gEq(1600) / peak).toBeCloseTo(0.949, 3);
    expect(gEq(1750) / peak).toBeCloseTo(0.867, 3);
    // below the onset the slope is gentle, beyond it ten times steeper
    const below = (gEq(1540) - gEq(1500)) / 40;
    const beyond = (gEq(1620) - gEq(1580)) / 40;
    expect(below).toBeGreaterThan(0);
    expect(beyond).toBeLessThan(-10 * below);
  });

  it('has its kink at the total-internal-reflection onset R_acrylic x nWater / nLs = 1580 cm, within one grid step', () => {
    const r = Array.from(map.grid.rCm);
    const v = r.map((x) => map.peMeVSpherical(x, 0, 0));
    let best = 0;
    let at = 0;
    for (let i = 1; i < r.length - 1; i++) {
      const d2 = v[i + 1]! - 2 * v[i]! + v[i - 1]!;
      if (r[i]! > 1400 && d2 < best) {
        best = d2;
        at = r[i]!;
      }
    }
    const step = r[r.length - 1]! - r[r.length - 2]!;
    expect(Math.abs(at - (1782 * 1.33) / 1.5)).toBeLessThanOrEqual(step);
  });

  it('depends on theta near the edge: the top (chimney) is 2.5% below the bottom at 16 m, 10% at 17 m, 33% at 17.5 m', () => {
    expect(gAxis(1600) / gAxis(-1600)).toBeCloseTo(0.975, 2);
    expect(gAxis(1700) / gAxis(-1700)).toBeCloseTo(0.9, 2);
    expect(gAxis(1750) / gAxis(-1750)).toBeCloseTo(0.674, 2);
    // in the bulk the two poles agree to 0.2%
    expect(Math.abs(gAxis(800) / gAxis(-800) - 1)).toBeLessThan(2e-3);
  });

  it('is exactly phi-symmetric when built so, and zero outside the LS', () => {
    expect(map.phiSymmetric).toBe(true);
    expect(map.grid.phiRad.length).toBe(1);
    const rng = createRng('phi');
    for (let k = 0; k < 100; k++) {
      const r = 1770 * Math.cbrt(rng.uniform());
      const c = 2 * rng.uniform() - 1;
      const s = Math.sqrt(1 - c * c);
      const a = 2 * Math.PI * rng.uniform();
      // equal up to the rounding of z / r computed from different x, y
      expect(map.peMeV(r * s * Math.cos(a), r * s * Math.sin(a), r * c) / map.peMeV(r * s, 0, r * c)).toBeCloseTo(1, 12);
    }
    expect(map.peMeV(0, 0, 1770.5)).toBe(0);
    expect(map.peMeVSpherical(1800, 0, 0)).toBe(0);
  });
});

describe('response map: interpolation against the direct evaluation', () => {
  // seeded vertices uniform in volume; tolerances: 5e-4 for r < 15 m, 4e-3 for 15-17 m, 6% (rms 1%) beyond
  const shells: [number, number, number, number][] = [
    [0, 1500, 5e-4, 2e-4],
    [1500, 1700, 4e-3, 1.5e-3],
    [1700, 1770, 0.06, 0.01],
  ];
  for (const [lo, hi, maxTol, rmsTol] of shells) {
    it(`${lo / 100}-${hi / 100} m: max |map / direct - 1| < ${maxTol}, rms < ${rmsTol}`, () => {
      const rng = createRng(`interp-${lo}`);
      let max = 0;
      let sum2 = 0;
      const n = 60;
      for (let k = 0; k < n; k++) {
        const r = Math.cbrt(lo ** 3 + rng.uniform() * (hi ** 3 - lo ** 3));
        const c = 2 * rng.uniform() - 1;
        const s = Math.sqrt(1 - c * c);
        const a = 2 * Math.PI * rng.uniform();
        const [x, y, z] = [r * s * Math.cos(a), r * s * Math.sin(a), r * c];
        const d = map.peMeV(x, y, z) / responseAtVertex(map, x, y, z) - 1;
        max = Math.max(max, Math.abs(d));
        sum2 += d * d;
      }
      expect(max).toBeLessThan(maxTol);
      expect(Math.sqrt(sum2 / n)).toBeLessThan(rmsTol);
    });
  }

  it('reproduces the nodes exactly (direct evaluation = table at a node)', () => {
    const i = 40;
    const j = 17;
    const r = map.grid.rCm[i]!;
    const c = map.grid.cosTheta[j]!;
    const s = Math.sqrt(1 - c * c);
    expect(responseAtVertex(map, r * s, 0, r * c) / map.grid.values[i * map.grid.cosTheta.length + j]!).toBeCloseTo(1, 6);
  });
});
