import { ValidationError } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { clsAnchorCm, clsCableStatics, clsReachable } from './cls-reach.js';
import { clsReachableRegion } from './cls-region.js';
import { clsSystem } from './cls-system.js';
import { clsTemplatePoints } from './cls-template.js';
import { lsDetector } from './ls-detector.js';

const cd = lsDetector();
const R = cd.lsRadiusCm;
const at = (xCm: number, zCm: number) => ({ rCm: Math.hypot(xCm, zCm), thetaRad: Math.atan2(xCm, zCm) });

/** Area of an (r, theta) polygon in the (x, z) plane, cm^2 (shoelace). */
function polygonArea(poly: { rCm: number; thetaRad: number }[]): number {
  let a = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!;
    const q = poly[(i + 1) % poly.length]!;
    a += p.rCm * Math.sin(p.thetaRad) * q.rCm * Math.cos(q.thetaRad) - q.rCm * Math.sin(q.thetaRad) * p.rCm * Math.cos(p.thetaRad);
  }
  return Math.abs(a) / 2;
}

/** Reachable fraction of a 10 cm grid over the half-disk, and the grid cell area. */
function gridArea(anchorDeg: number, config = {}): number {
  let n = 0;
  for (let x = 5; x < R; x += 10) for (let z = -R + 5; z < R; z += 10) if (clsReachable(at(x, z), anchorDeg, cd, config)) n++;
  return n * 100;
}

describe('CLS statics', () => {
  it('balances the weight: tensions along the cables sum to one unit upwards', () => {
    const p = at(500, -300);
    const s = clsCableStatics(p, 60, cd)!;
    const k = clsAnchorCm(60, cd);
    const [x, z] = [500, -300];
    const l1 = Math.hypot(x, R - z);
    const l2 = Math.hypot(k.xCm - x, k.zCm - z);
    const fx = (s.centralTension * -x) / l1 + (s.sideTension * (k.xCm - x)) / l2;
    const fz = (s.centralTension * (R - z)) / l1 + (s.sideTension * (k.zCm - z)) / l2;
    expect(fx).toBeCloseTo(0, 12);
    expect(fz).toBeCloseTo(1, 12);
    expect(s.centralTension).toBeGreaterThan(0);
    expect(s.sideTension).toBeGreaterThan(0);
  });

  it('hand-computed tensions (Lami): T_central = sin(a2)/sin(a1 + a2), T_side = sin(a1)/sin(a1 + a2)', () => {
    // anchor at 90 deg: (R, 0); source at (R/2, -R/2); a1, a2 the cable angles from the vertical
    const x = R / 2;
    const z = -R / 2;
    const a1 = Math.atan2(x, R - z); // central cable from vertical
    const a2 = Math.atan2(R - x, 0 - z); // side cable to (R, 0) from vertical
    const s = clsCableStatics(at(x, z), 90, cd)!;
    expect(s.centralTension).toBeCloseTo(Math.sin(a2) / Math.sin(a1 + a2), 12);
    expect(s.sideTension).toBeCloseTo(Math.sin(a1) / Math.sin(a1 + a2), 12);
    expect(s.centralAngleDeg).toBeCloseTo((a1 * 180) / Math.PI, 10);
    expect(s.sideAngleDeg).toBeCloseTo((a2 * 180) / Math.PI, 10);
  });
});

describe('clsReachable', () => {
  it('reaches the middle of the ideal area, never above the anchor or outside the LS', () => {
    const k = clsAnchorCm(60, cd); // x 1532.9 cm, z 885 cm
    expect(clsReachable(at(700, 0), 60, cd)).toBe(true);
    expect(clsReachable(at(700, k.zCm + 1), 60, cd)).toBe(false); // just above the anchor
    expect(clsReachable(at(700, 1200), 60, cd)).toBe(false);
    expect(clsReachable(at(k.xCm + 20, -200), 60, cd)).toBe(false); // beyond the anchor's vertical
    expect(clsReachable({ rCm: R + 1, thetaRad: 2 }, 90, cd)).toBe(false); // outside the LS
    expect(clsReachable({ rCm: R - 5, thetaRad: 2.2 }, 150, cd)).toBe(false); // within the wall clearance
    expect(clsReachable({ rCm: 500, thetaRad: Math.PI }, 60, cd)).toBe(false); // on the axis: side cable slack
  });

  it('loses points near the axis and near the vertical under the anchor, more with a larger margin', () => {
    const k = clsAnchorCm(60, cd);
    const z = -200;
    const reachX = (minTensionFraction: number) => {
      const xs: number[] = [];
      for (let x = 1; x < k.xCm; x += 1) if (clsReachable(at(x, z), 60, cd, { minTensionFraction })) xs.push(x);
      return { lo: Math.min(...xs), hi: Math.max(...xs) };
    };
    const ideal = reachX(0);
    const loose = reachX(0.1);
    const tight = reachX(0.3);
    // no margin: almost the whole segment (1 cm grid)
    expect(ideal.lo).toBe(1);
    expect(ideal.hi).toBeGreaterThan(k.xCm - 2);
    // margins cut both ends, and a larger margin cuts more
    expect(loose.lo).toBeGreaterThan(50);
    expect(loose.hi).toBeLessThan(k.xCm - 50);
    expect(tight.lo).toBeGreaterThan(loose.lo + 50);
    expect(tight.hi).toBeLessThan(loose.hi - 50);
    // the side-cable tension at the near-axis edge equals the margin (boundary of the constraint)
    expect(clsCableStatics(at(loose.lo, z), 60, cd)!.sideTension).toBeCloseTo(0.1, 2);
  });

  it('rejects a nearly horizontal side cable', () => {
    const k = clsAnchorCm(90, cd);
    // 5 cm below the anchor at 10 m from it: the side cable is 89.7 deg from the vertical
    expect(clsReachable(at(k.xCm - 1000, k.zCm - 5), 90, cd)).toBe(false);
    expect(clsReachable(at(k.xCm - 1000, k.zCm - 5), 90, cd, { maxCableAngleDeg: 90, minTensionFraction: 0.01 })).toBe(true);
  });

  it('names bad configuration values', () => {
    expect(() => clsReachable(at(500, 0), 60, cd, { minTensionFraction: 1.5 })).toThrow(/minTensionFraction/);
    expect(() => clsReachable(at(500, 0), 200, cd)).toThrow(ValidationError);
  });
});

describe('clsReachableRegion', () => {
  it('encloses the area clsReachable finds on a grid (within 1%), and shrinks with the margin', () => {
    const poly = clsReachableRegion(cd, 60);
    const grid = gridArea(60);
    expect(polygonArea(poly) / grid).toBeGreaterThan(0.99);
    expect(polygonArea(poly) / grid).toBeLessThan(1.01);
    const tight = polygonArea(clsReachableRegion(cd, 60, { minTensionFraction: 0.3 }));
    expect(tight).toBeLessThan(0.8 * polygonArea(poly));
    // every vertex is (just) reachable or on the boundary, never beyond the anchor line
    const k = clsAnchorCm(60, cd);
    for (const v of poly) {
      expect(v.rCm * Math.sin(v.thetaRad)).toBeLessThan(k.xCm);
      expect(v.rCm * Math.cos(v.thetaRad)).toBeLessThan(k.zCm);
      expect(v.rCm).toBeLessThanOrEqual(R - 10 + 1e-6);
    }
  });
});

describe('clsTemplatePoints', () => {
  const t = clsTemplatePoints(cd, createRng('cls-template-test'));

  it('has 300 regular points on 10 radial lines between 15 and 17 m and 1,000 random ones', () => {
    expect(t).toHaveLength(1300);
    const regular = t.slice(0, 300);
    expect(new Set(regular.map((p) => p.thetaRad.toFixed(9))).size).toBe(10);
    expect(Math.min(...regular.map((p) => p.rCm))).toBeCloseTo(1500, 9);
    expect(Math.max(...regular.map((p) => p.rCm))).toBeCloseTo(1700, 9);
    for (const p of t) {
      expect(p.rCm).toBeLessThan(R);
      expect(p.thetaRad).toBeGreaterThanOrEqual(0);
      expect(p.thetaRad).toBeLessThanOrEqual(Math.PI);
      expect(p.zCm).toBeCloseTo(p.rCm * Math.cos(p.thetaRad), 9);
    }
  });

  it('is reproducible with the seed and different with another', () => {
    expect(clsTemplatePoints(cd, createRng('cls-template-test'))).toEqual(t);
    expect(clsTemplatePoints(cd, createRng('other')).slice(300)).not.toEqual(t.slice(300));
  });

  it('random part is uniform in volume: <(r/R)^3> = 1/2 and <cos theta> = 0 within 4 sigma', () => {
    const random = t.slice(300);
    const n = random.length;
    const v = random.map((p) => (p.rCm / R) ** 3);
    const u = random.map((p) => Math.cos(p.thetaRad));
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    // uniform on [0,1]: sigma of the mean sqrt(1/12/n) = 0.0091; on [-1,1]: sqrt(1/3/n) = 0.018
    expect(Math.abs(mean(v) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(mean(u))).toBeLessThan(4 * Math.sqrt(1 / 3 / n));
    // and half the points inside r = R / 2^(1/3) (binomial, 4 sigma)
    const inner = v.filter((x) => x < 0.5).length;
    expect(Math.abs(inner - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });
});

describe('clsSystem', () => {
  it('keeps exactly the template points one loop reaches, labelled with that loop', () => {
    const t = clsTemplatePoints(cd, createRng('cls-template-test'));
    const cls = clsSystem(cd, [45, 75], t);
    expect(cls.name).toBe('CLS');
    expect(cls.precisionCm).toBe(3);
    expect(cls.parkingPathM).toBeCloseTo(19.7, 12);
    const expected = t.filter((p) => clsReachable(p, 45, cd) || clsReachable(p, 75, cd));
    expect(cls.points).toHaveLength(expected.length);
    expect(cls.points.length).toBeGreaterThan(600);
    expect(cls.points.length).toBeLessThan(1300);
    for (const p of cls.points) expect(clsReachable(p, p.loop === 1 ? 45 : 75, cd)).toBe(true);
    expect(new Set(cls.points.map((p) => p.loop))).toEqual(new Set([1, 2]));
    // a second loop only adds points
    expect(clsSystem(cd, [45, 45], t).points.length).toBeLessThanOrEqual(cls.points.length);
  });
});
