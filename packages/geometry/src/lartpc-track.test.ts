import { ValidationError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { duneFdSpModule } from './lartpc-module.js';
import { trackThroughModule } from './lartpc-track.js';

const m = duneFdSpModule();

describe('trackThroughModule', () => {
  it('a track along x crosses every drift volume and the three inner planes', () => {
    const g = trackThroughModule(m, { origin: { x: -800, y: 0, z: 1000 }, direction: { x: 2, y: 0, z: 0 } })!;
    expect(g.entryFace).toBe('x-');
    expect(g.exitFace).toBe('x+');
    expect(g.lengthCm).toBeCloseTo(1450, 9);
    expect(g.segments.map((s) => s.tpc)).toEqual([0, 1, 2, 3]);
    for (const s of g.segments) expect(s.lengthCm).toBeCloseTo(360, 9);
    expect(g.crossings.map((c) => [c.kind, c.fromTpc, c.toTpc])).toEqual([
      ['CPA', 0, 1],
      ['APA', 1, 2],
      ['CPA', 2, 3],
    ]);
    // path parameters from x = -800: CPA at -365 -> 435, APA at 0 -> 800, CPA at 365 -> 1165
    expect(g.crossings.map((c) => c.tCm)).toEqual([435, 800, 1165].map((t) => expect.closeTo(t, 9)));
  });

  it('a 45-degree track from the top of the central APA (hand-computed)', () => {
    const s = Math.SQRT2;
    const g = trackThroughModule(m, { origin: { x: 0, y: 600, z: 2900 }, direction: { x: 1, y: -1, z: 0 } })!;
    expect(g.entryFace).toBe('y+');
    expect(g.exitFace).toBe('x+');
    expect(g.exit.y).toBeCloseTo(-125, 9);
    expect(g.lengthCm).toBeCloseTo(725 * s, 9);
    expect(g.segments.map((q) => q.tpc)).toEqual([2, 3]);
    expect(g.segments[0]!.tStartCm).toBeCloseTo(5 * s, 9);
    expect(g.segments[0]!.lengthCm).toBeCloseTo(360 * s, 9);
    expect(g.segments[1]!.start.y).toBeCloseTo(600 - 365, 9);
    // starts inside the APA frame, so the APA is not a crossing; the CPA at x = 365 is
    expect(g.crossings).toHaveLength(1);
    expect(g.crossings[0]).toMatchObject({ kind: 'CPA', fromTpc: 2, toTpc: 3 });
    expect(g.crossings[0]!.point.y).toBeCloseTo(235, 9);
  });

  it('a track going towards -x lists segments and crossings in travel order', () => {
    const g = trackThroughModule(m, { origin: { x: 200, y: 0, z: 100 }, direction: { x: -1, y: 0, z: 1 } })!;
    // z reaches 0 at x = 300 (entry, face z-); x = -725 at z = 1025 (exit, face x-)
    expect(g.entryFace).toBe('z-');
    expect(g.exitFace).toBe('x-');
    expect(g.segments.map((q) => q.tpc)).toEqual([2, 1, 0]);
    expect(g.crossings.map((c) => [c.kind, c.fromTpc, c.toTpc])).toEqual([
      ['APA', 2, 1],
      ['CPA', 1, 0],
    ]);
  });

  it('a stopping vertical track ends inside', () => {
    const g = trackThroughModule(m, { origin: { x: 100, y: 600, z: 100 }, direction: { x: 0, y: -1, z: 0 }, tMaxCm: 300 })!;
    expect(g.entryFace).toBe('y+');
    expect(g.exitFace).toBe('inside');
    expect(g.lengthCm).toBeCloseTo(300, 12);
    expect(g.exit).toEqual({ x: 100, y: 300, z: 100 });
    expect(g.segments).toHaveLength(1);
    expect(g.crossings).toHaveLength(0);
  });

  it('a vertical track in a thin cathode plane belongs to one TPC only', () => {
    const g = trackThroughModule(m, { origin: { x: 365, y: 0, z: 100 }, direction: { x: 0, y: 1, z: 0 } })!;
    expect(g.segments.map((q) => q.tpc)).toEqual([3]);
  });

  it('returns null for a miss and rejects a zero direction', () => {
    expect(trackThroughModule(m, { origin: { x: 0, y: 700, z: 100 }, direction: { x: 1, y: 0, z: 0 } })).toBeNull();
    expect(() => trackThroughModule(m, { origin: { x: 0, y: 0, z: 0 }, direction: { x: 0, y: 0, z: 0 } })).toThrow(
      ValidationError,
    );
  });
});
