import { ValidationError } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { clsSystem, type ClsPoint } from './cls-system.js';
import { clsTemplatePoints } from './cls-template.js';
import { deploymentPathM, orderForTravel } from './deployment-path.js';
import { acuPoints, fixedDeploymentSystems, type CalibrationPoint, type DeploymentSystem } from './deployment-systems.js';
import { lsDetector } from './ls-detector.js';
import { rovSystem } from './rov-system.js';

const cd = lsDetector();
const [acu, gt] = fixedDeploymentSystems(cd) as [DeploymentSystem, DeploymentSystem];
const xz = (xCm: number, zCm: number): CalibrationPoint => ({ rCm: Math.hypot(xCm, zCm), thetaRad: Math.atan2(xCm, zCm), zCm });

describe('deploymentPathM', () => {
  it('ACU: hand computation along the axis from the parking position 19.7 m above the centre', () => {
    // 27 points bottom-up: 19.7 -> -17.5 (37.2 m), -17.5 -> 17.5 (35 m), 17.5 -> 19.7 (2.2 m)
    expect(deploymentPathM(acu, cd)).toBeCloseTo(74.4, 9);
    // centre only: 19.7 m in, 19.7 m out
    expect(deploymentPathM(acu, cd, [xz(0, 0)])).toBeCloseTo(39.4, 9);
    // centre then +10 m: 19.7 + 10 + 9.7
    expect(deploymentPathM(acu, cd, [xz(0, 0), xz(0, 1000)])).toBeCloseTo(39.4, 9);
    // top-down order costs the same, a zig-zag more: 19.7 -> 0 -> 10 -> -10 -> 19.7 = 19.7 + 10 + 20 + 29.7
    expect(deploymentPathM(acu, cd, [xz(0, 0), xz(0, 1000), xz(0, -1000)])).toBeCloseTo(79.4, 9);
    expect(deploymentPathM({ ...acu, parkingPathM: 25 }, cd, [xz(0, 0)])).toBeCloseTo(50, 9);
    expect(deploymentPathM(acu, cd, [])).toBe(0);
  });

  it('GT: along the tube from its north end and back', () => {
    // tube radius 1785 cm; parking 1.5 pi cm before the first point's arc origin (default park
    // path pi * 1782 / 2 cm before the equator at pi * 1785 / 2); the last point at theta = pi * 45/46:
    // 2 * (1785 * pi * 45/46 - 1.5 * pi) cm = 109.622 m
    expect(deploymentPathM(gt, cd)).toBeCloseTo((2 * Math.PI * (1785 * (45 / 46) - 1.5)) / 100, 9);
    expect(deploymentPathM(gt, cd)).toBeCloseTo(109.62, 2);
  });

  it('CLS: chimney, central cable, straight within a loop, through the pole between loops', () => {
    const cls: DeploymentSystem = { name: 'CLS', precisionCm: 3, parkingPathM: 19.7, points: [] };
    // 3-4-5 triangles: (300, 1370) is 500 cm from the pole (0, 1770), (600, 970) is 1000 cm
    const p1: ClsPoint = { ...xz(300, 1370), loop: 1 };
    const p2same: ClsPoint = { ...xz(600, 970), loop: 1 };
    const p2other: ClsPoint = { ...xz(600, 970), loop: 2 };
    // chimney 2 m each way
    expect(deploymentPathM(cls, cd, [p1])).toBeCloseTo(2 + 5 + 5 + 2, 9);
    // same loop: straight p1 -> p2 (500 cm), back from p2 along its central cable (1000 cm)
    expect(deploymentPathM(cls, cd, [p1, p2same])).toBeCloseTo(2 + 5 + 5 + 10 + 2, 9);
    // other loop: back to the pole and down again
    expect(deploymentPathM(cls, cd, [p1, p2other])).toBeCloseTo(2 + 5 + 5 + 10 + 10 + 2, 9);
    expect(deploymentPathM({ ...cls, name: 'ROV' }, cd, [xz(300, 1370), xz(600, 970)])).toBeCloseTo(24, 9);
  });

  it('refuses off-axis ACU points and a parking position inside the LS', () => {
    expect(() => deploymentPathM(acu, cd, [xz(100, 0)])).toThrow(ValidationError);
    expect(() => deploymentPathM({ ...acu, parkingPathM: 10 }, cd)).toThrow(/parking path 10 m is invalid/);
  });
});

describe('orderForTravel', () => {
  it('restores the shortest order for axis points and shortens a CLS trip through random points', () => {
    const shuffled = [...acuPoints()].sort((a, b) => Math.sin(a.zCm * 7) - Math.sin(b.zCm * 7));
    expect(deploymentPathM(orderForTravel({ ...acu, points: shuffled }, cd), cd)).toBeCloseTo(74.4, 9);
    const cls = clsSystem(cd, [45, 75], clsTemplatePoints(cd, createRng('path-test')));
    const ordered = orderForTravel(cls, cd);
    expect(ordered.points).toHaveLength(cls.points.length);
    expect(new Set(ordered.points)).toEqual(new Set(cls.points));
    // loop 1 first, then loop 2: one change of loop
    const loops = ordered.points.map((p) => (p as ClsPoint).loop);
    expect(loops.filter((l, i) => i > 0 && l !== loops[i - 1])).toHaveLength(1);
    expect(deploymentPathM(ordered, cd)).toBeLessThan(0.2 * deploymentPathM(cls, cd));
  });
});

describe('rovSystem', () => {
  it('keeps the points within R - 50 cm, precision 3 cm, configurable parking', () => {
    const t = clsTemplatePoints(cd, createRng('rov'));
    const rov = rovSystem(cd, t);
    expect(rov.name).toBe('ROV');
    expect(rov.precisionCm).toBe(3);
    expect(rov.points).toEqual(t.filter((p) => p.rCm <= 1720));
    expect(rov.points.length).toBeGreaterThan(1200);
    expect(rovSystem(cd, t, { wallMarginCm: 0, parkingPathM: 25 })).toMatchObject({ parkingPathM: 25, points: t });
    expect(() => rovSystem(cd, t, { wallMarginCm: -1 })).toThrow(/wallMarginCm/);
  });
});
