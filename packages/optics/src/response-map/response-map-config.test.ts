import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { lsDetector } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import { buildResponseMap, responseAtVertex } from './build-response-map.js';

// a coarse grid keeps these builds fast; the physics does not depend on the grid
const small = { rNodesInner: 11, rNodesEdge: 12, thetaNodes: 13 };

describe('response map: analytic checks', () => {
  it('at the centre without attenuation or shadowing and with uniform QE, efficiency = coverage x QE from the disks\' solid angles', () => {
    const map = buildResponseMap({ absorptionLengthM: 1e9, rayleighLengthM: 1e9, shadowing: false, qeRelSpread: 0, grid: small });
    const cd = lsDetector();
    const d = cd.pmtRadiusCm;
    const a = 25;
    const omega = 2 * Math.PI * (1 - d / Math.sqrt(d * d + a * a)); // solid angle of a disk of radius a at distance d, on axis
    const expected = (cd.lpmts.count * omega * 0.3) / (4 * Math.PI);
    expect(expected).toBeCloseTo(0.21933, 5);
    expect(map.meanCoverageQe).toBeCloseTo(expected, 12);
    // every photon leaves eventually (Fresnel-reflected light crosses the LS and tries again), so the
    // efficiency is the coverage x QE itself; the reflection series is cut at 1e-4 of the light
    const efficiency = responseAtVertex(map, 0, 0, 0) / map.photonsPerMeV;
    expect(Math.abs(efficiency / expected - 1)).toBeLessThan(2e-5);
    expect(map.centrePeMeV / map.photonsPerMeV).toBeCloseTo(efficiency, 12);
  });

  it('scales with lightYieldScale and moves with the absorption length (photon yield fixed by the nominal optics)', () => {
    const nominal = buildResponseMap({ qeRelSpread: 0, grid: small });
    const dim = buildResponseMap({ qeRelSpread: 0, lightYieldScale: 0.9, grid: small });
    const absorbing = buildResponseMap({ qeRelSpread: 0, absorptionLengthM: 77 * 0.96, grid: small });
    expect(nominal.centrePeMeV).toBeCloseTo(1345, 9);
    expect(dim.centrePeMeV).toBeCloseTo(0.9 * 1345, 9);
    expect(absorbing.photonsPerMeV).toBe(nominal.photonsPerMeV);
    // unscattered light to the wall: exp(-R / L_att); 4% less absorption length costs about R / 77 m x 4% ~ 0.9% of it
    const drop = absorbing.centrePeMeV / nominal.centrePeMeV - 1;
    expect(drop).toBeLessThan(-0.005);
    expect(drop).toBeGreaterThan(-0.02);
    // near the wall half the light has a short way out: the edge loses less than the centre, g(edge) rises
    expect(absorbing.peMeV(1750, 0, 0) / nominal.peMeV(1750, 0, 0) - 1).toBeGreaterThan(drop);
    expect(absorbing.g(1750, 0, 0)).toBeGreaterThan(nominal.g(1750, 0, 0));
  });
});

describe('response map: dead PMTs and QE spread', () => {
  it('a dead-asymmetric build depends on phi: 500 dead LPMTs on the y < 0 side lower that side', () => {
    const map = buildResponseMap({ qeRelSpread: 0, deadSplit: [0, 500], grid: { ...small, phiNodes: 8 } }, createRng('dead'));
    expect(map.phiSymmetric).toBe(false);
    expect(map.grid.phiRad.length).toBe(8);
    expect(map.pmts.dead.length).toBe(500);
    const cd = lsDetector();
    for (const i of map.pmts.dead) expect(cd.lpmts.y[i]!).toBeLessThan(0);
    // 500 of 8806 LPMTs (5.7%) dead on one side: near the wall the near side dominates
    const plus = map.peMeV(0, 1650, 0);
    const minus = map.peMeV(0, -1650, 0);
    expect(plus / minus - 1).toBeGreaterThan(0.02);
    // along x (on the dividing plane) the two sides see the same
    expect(Math.abs(map.peMeV(1650, 0, 0) / map.peMeV(-1650, 0, 0) - 1)).toBeLessThan(0.01);
    // the centre loses the mean: 500 / 17612 of the coverage
    expect(map.meanCoverageQe / (0.3 * 0.7311) - 1).toBeCloseTo(-500 / 17612, 3);
    expect(responseAtVertex(map, 0, 1650, 0) / plus).toBeCloseTo(1, 2);
  });

  it('is reproducible for a seed (QE spread and random dead PMTs) and differs for another', () => {
    const config = { qeRelSpread: 0.07, deadFraction: 0.01, grid: small };
    const a = buildResponseMap(config, createRng('seed-a'));
    const b = buildResponseMap(config, createRng('seed-a'));
    const c = buildResponseMap(config, createRng('seed-b'));
    expect(Array.from(a.grid.values)).toEqual(Array.from(b.grid.values));
    expect(Array.from(a.pmts.dead)).toEqual(Array.from(b.pmts.dead));
    expect(a.pmts.dead.length).toBe(176);
    expect(Array.from(a.pmts.dead)).not.toEqual(Array.from(c.pmts.dead));
    expect(a.centrePeMeV).not.toBe(c.centrePeMeV);
    // QE spread: mean 0.30, sigma/mean 7% over the live LPMTs (4 sigma)
    const live = Array.from(a.pmts.qe).filter((q) => q > 0);
    const mean = live.reduce((s, q) => s + q, 0) / live.length;
    const sd = Math.sqrt(live.reduce((s, q) => s + (q - mean) ** 2, 0) / (live.length - 1));
    expect(Math.abs(mean - 0.3)).toBeLessThan((4 * 0.021) / Math.sqrt(live.length));
    expect(Math.abs(sd / 0.021 - 1)).toBeLessThan(4 * Math.sqrt(1 / (2 * live.length)));
  });
});

describe('response map: configuration errors', () => {
  it('names the bad field', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as Error).message;
      }
      throw new Error('expected a ValidationError');
    };
    expect(err(() => buildResponseMap({ absorptionLengthM: -1 }))).toMatch(/absorptionLengthM/);
    expect(err(() => buildResponseMap({ grid: { thetaNodes: 2 } }))).toMatch(/grid\.thetaNodes/);
    expect(err(() => buildResponseMap({ deadSplit: [1, -1] as [number, number] }))).toMatch(/deadSplit\.1/);
    expect(err(() => buildResponseMap({ qeRelSpread: 0, grid: { rEdgeStartM: 18 } }))).toMatch(/rEdgeStartM = 18 m/);
    expect(err(() => buildResponseMap({ qeRelSpread: 0, deadFraction: 0.01, deadSplit: [75, 105] }, createRng('x')))).toMatch(/deadFraction = 0.01 with deadSplit/);
    expect(err(() => buildResponseMap({}))).toMatch(/qeRelSpread = 0.07.*expected a RandomSource/);
    expect(err(() => buildResponseMap({ qeRelSpread: 0, deadSplit: [0, 9000] }, createRng('x')))).toMatch(/deadSplit\[1\] = 9000/);
    expect(err(() => responseAtVertex({} as never, 0, 0, 0))).toMatch(/not made by buildResponseMap/);
  });
});
