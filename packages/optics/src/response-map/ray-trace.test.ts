import { describe, expect, it } from 'vitest';
import { lsDetector } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import { fresnelTransmission } from './fresnel.js';
import { traceRay, type SphereOptics } from './ray-trace.js';

const cd = lsDetector();
const optics: SphereOptics = {
  lsRadiusCm: cd.lsRadiusCm,
  acrylicOuterRadiusCm: cd.acrylicOuterRadiusCm,
  pmtRadiusCm: cd.pmtRadiusCm,
  nLs: 1.5,
  nAcrylic: 1.5,
  nWater: 1.33,
  attenuationLengthCm: 2000,
  scatterAlbedo: 0.74,
};

type V = [number, number, number];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const add = (a: V, b: V, s: number): V => [a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2]];

/** Independent 3D tracing with the vector form of Snell's law (no use of the impact-parameter invariant). */
function vectorTrace(v: V, d: V, radii: number[], indices: number[]): { point: V; blocked: boolean } {
  let p = v;
  let dir = d;
  for (let k = 0; k < radii.length; k++) {
    const R = radii[k]!;
    const b = dot(p, dir);
    const t = -b + Math.sqrt(b * b - dot(p, p) + R * R);
    p = add(p, dir, t);
    if (k + 1 >= indices.length) break;
    const n: V = [p[0] / R, p[1] / R, p[2] / R];
    const eta = indices[k]! / indices[k + 1]!;
    const cosi = dot(dir, n);
    const kk = 1 - eta * eta * (1 - cosi * cosi);
    if (kk < 0) return { point: p, blocked: true };
    dir = add([eta * dir[0], eta * dir[1], eta * dir[2]], n, Math.sqrt(kk) - eta * cosi);
  }
  return { point: p, blocked: false };
}

describe('Fresnel transmission', () => {
  it('normal incidence: reflection ((n1 - n2) / (n1 + n2))^2, the same both ways', () => {
    const r = ((1.5 - 1.33) / (1.5 + 1.33)) ** 2;
    expect(1 - fresnelTransmission(1.5, 1.33, 1)).toBeCloseTo(r, 14);
    expect(1 - fresnelTransmission(1.33, 1.5, 1)).toBeCloseTo(r, 14);
    expect(fresnelTransmission(1.5, 1.5, 0.3)).toBe(1);
  });

  it('total internal reflection beyond the critical angle asin(1.33 / 1.5), grazing incidence reflects everything', () => {
    const critical = Math.asin(1.33 / 1.5);
    expect(fresnelTransmission(1.5, 1.33, Math.cos(critical + 1e-6))).toBe(0);
    expect(fresnelTransmission(1.5, 1.33, Math.cos(critical - 1e-3))).toBeGreaterThan(0);
    expect(fresnelTransmission(1.33, 1.5, 1e-12)).toBeLessThan(1e-5);
    // Brewster angle: p-polarised light fully transmitted, so T = 1 - Rs / 2
    const brewster = Math.atan(1.33 / 1.5);
    const cosT = Math.cos(Math.asin((1.5 / 1.33) * Math.sin(brewster)));
    const rs = ((1.5 * Math.cos(brewster) - 1.33 * cosT) / (1.5 * Math.cos(brewster) + 1.33 * cosT)) ** 2;
    expect(fresnelTransmission(1.5, 1.33, Math.cos(brewster))).toBeCloseTo(1 - rs / 2, 12);
  });
});

describe('exact refraction through the spheres', () => {
  it('lands where an independent 3D vector trace lands (1000 random rays, 1e-9 rad)', () => {
    const rng = createRng('trace');
    const n = [1.5, 1.45, 1.33]; // an acrylic index different from the LS exercises both boundaries
    const o = { ...optics, nAcrylic: 1.45 };
    let checked = 0;
    for (let k = 0; k < 1000; k++) {
      const r = optics.lsRadiusCm * Math.cbrt(rng.uniform());
      const mu = 2 * rng.uniform() - 1;
      const path = traceRay(o, r, mu);
      const v: V = [0, 0, r];
      const d: V = [Math.sqrt(1 - mu * mu), 0, mu];
      const hit = vectorTrace(v, d, [o.lsRadiusCm, o.acrylicOuterRadiusCm, o.pmtRadiusCm], n);
      expect(hit.blocked).toBe(!(path.transmission > 0));
      if (hit.blocked) continue;
      const gamma = Math.atan2(hit.point[0], hit.point[2]);
      expect(path.gammaWallRad + path.acrylicAdvanceRad + path.waterAdvanceRad).toBeCloseTo(gamma, 9);
      expect(Math.hypot(d[0] * path.lsPathCm, r + d[2] * path.lsPathCm)).toBeCloseTo(o.lsRadiusCm, 8); // the LS path ends on the sphere
      checked++;
    }
    expect(checked).toBeGreaterThan(700);
  });

  it('total internal reflection starts at r = R_acrylic,outer x nWater / nLs = 1580 cm (LS and acrylic both 1.5)', () => {
    const onset = (optics.acrylicOuterRadiusCm * 1.33) / 1.5;
    expect(onset).toBeCloseTo(1580.04, 2);
    // the most oblique ray (alpha = 90 deg, impact parameter = r) escapes just inside, is trapped just outside
    expect(traceRay(optics, onset - 0.5, 0).transmission).toBeGreaterThan(0);
    expect(traceRay(optics, onset + 0.5, 0).transmission).toBe(0);
    // without the shell it would be R nWater / nLs = 1569.4 cm, the figure quoted for the LS sphere alone
    const bare = { ...optics, acrylicOuterRadiusCm: optics.lsRadiusCm + 1e-6 };
    expect(traceRay(bare, 1569, 0).transmission).toBeGreaterThan(0);
    expect(traceRay(bare, 1570, 0).transmission).toBe(0);
  });

  it('reflected light repeats the same chord: the chord length is 2 R cos(incidence)', () => {
    const p = traceRay(optics, 1700, 0.1);
    const b = 1700 * Math.sqrt(1 - 0.01);
    expect(p.chordCm).toBeCloseTo(2 * Math.sqrt(optics.lsRadiusCm ** 2 - b * b), 9);
    expect(p.chordSurvival).toBeCloseTo(Math.exp(-p.chordCm / 2000), 12);
  });
});
