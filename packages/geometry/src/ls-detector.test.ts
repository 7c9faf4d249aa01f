import { describe, expect, it } from 'vitest';
import { acuPoints, fixedDeploymentSystems, gtPoints } from './deployment-systems.js';
import { fromEqualVolume, toEqualVolume } from './equal-volume.js';
import { lsDetector } from './ls-detector.js';

describe('LS central detector', () => {
  const cd = lsDetector();

  it('puts 17,612 large PMTs on the 19.4 m sphere, none in the chimney cap, near-uniformly', () => {
    expect(cd.lpmts.count).toBe(17_612);
    expect(cd.spmts.count).toBe(25_600);
    expect(cd.lsRadiusCm).toBe(1770);
    expect(cd.acrylicOuterRadiusCm).toBeCloseTo(1782, 9);
    const capCos = Math.cos((3 * Math.PI) / 180);
    let maxR = 0;
    let minR = Infinity;
    let north = 0;
    for (let i = 0; i < cd.lpmts.count; i++) {
      const r = Math.hypot(cd.lpmts.x[i]!, cd.lpmts.y[i]!, cd.lpmts.z[i]!);
      maxR = Math.max(maxR, r);
      minR = Math.min(minR, r);
      expect(cd.lpmts.z[i]! / r).toBeLessThanOrEqual(capCos);
      if (cd.lpmts.z[i]! > 0) north++;
    }
    expect(maxR - minR).toBeLessThan(1e-9);
    expect(maxR).toBeCloseTo(1940, 9);
    // Equal area per PMT: the north hemisphere (minus the cap) holds its area's share.
    const northShare = (capCos - 0) / (capCos + 1);
    expect(Math.abs(north / cd.lpmts.count - northShare)).toBeLessThan(1 / cd.lpmts.count + 1e-12);
    // Near-uniform: nearest-neighbour distances of a sample of PMTs stay within 25% of the lattice spacing.
    const spacing = Math.sqrt((2 * Math.PI * (1 + capCos) * 1940 * 1940) / cd.lpmts.count);
    for (let i = 100; i < cd.lpmts.count; i += 997) {
      let best = Infinity;
      for (let j = 0; j < cd.lpmts.count; j++) {
        if (j === i) continue;
        best = Math.min(best, Math.hypot(cd.lpmts.x[i]! - cd.lpmts.x[j]!, cd.lpmts.y[i]! - cd.lpmts.y[j]!, cd.lpmts.z[i]! - cd.lpmts.z[j]!));
      }
      expect(best / spacing).toBeGreaterThan(0.75);
      expect(best / spacing).toBeLessThan(1.25);
    }
  });

  it('is reproducible and configurable', () => {
    const again = lsDetector();
    expect(again.lpmts.x).toEqual(cd.lpmts.x);
    const small = lsDetector({ lpmtCount: 100, chimneyHalfAngleDeg: 10 });
    expect(small.lpmts.count).toBe(100);
    expect(() => lsDetector({ lsRadiusM: -1 })).toThrow();
  });

  it('maps (r, theta) to equal-volume coordinates and back', () => {
    expect(toEqualVolume(1770, Math.PI / 2, 1770)).toEqual({ u: expect.closeTo(0, 12), v: 1 });
    const { u, v } = toEqualVolume(1500, 0.7, 1770);
    const back = fromEqualVolume(u, v, 1770);
    expect(back.rCm).toBeCloseTo(1500, 9);
    expect(back.thetaRad).toBeCloseTo(0.7, 12);
    // half the volume lies inside r = R / 2^(1/3)
    expect(toEqualVolume(1770 / Math.cbrt(2), 0, 1770).v).toBeCloseTo(0.5, 12);
    expect(() => fromEqualVolume(2, 0.5, 1770)).toThrow(/expected -1..1/);
  });
});

describe('deployment systems', () => {
  it('ACU: the 27 axis points of the calibration strategy', () => {
    const z = acuPoints().map((p) => p.zCm / 100);
    expect(z).toHaveLength(27);
    expect(z).toEqual([-17.5, -17.2, -17, -16, -15, -14, -13, -12, -10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10, 12, 13, 14, 15, 16, 17, 17.2, 17.5]);
  });

  it('GT: 23 points outside the acrylic, one per layer, from north to south', () => {
    const cd = lsDetector();
    const gt = gtPoints(cd);
    expect(gt).toHaveLength(23);
    for (const p of gt) expect(p.rCm).toBeCloseTo(1785, 9);
    expect(gt[0]!.thetaRad).toBeCloseTo(Math.PI / 46, 12);
    expect(gt[22]!.thetaRad).toBeCloseTo(Math.PI - Math.PI / 46, 12);
    const systems = fixedDeploymentSystems(cd);
    expect(systems.map((s) => [s.name, s.precisionCm, s.points.length])).toEqual([['ACU', 1, 27], ['GT', 3, 23]]);
  });
});
