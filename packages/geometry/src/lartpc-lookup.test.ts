import { ValidationError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { apaAt, driftDistanceCm, tpcAt, tpcIndexAt, xAtDriftDistanceCm } from './lartpc-lookup.js';
import { duneFdSpModule } from './lartpc-module.js';

const m = duneFdSpModule();

describe('tpcAt / tpcIndexAt', () => {
  it('finds the drift volume by x and rejects dead regions and the outside', () => {
    expect(tpcAt(m, { x: -700, y: 0, z: 10 })?.id).toBe(0);
    expect(tpcAt(m, { x: -100, y: 0, z: 10 })?.id).toBe(1);
    expect(tpcAt(m, { x: 100, y: 0, z: 10 })?.id).toBe(2);
    expect(tpcAt(m, { x: 700, y: 0, z: 10 })?.id).toBe(3);
    expect(tpcAt(m, { x: 0, y: 0, z: 10 })).toBeUndefined(); // inside the central APA frame
    expect(tpcAt(m, { x: 0, y: 601, z: 10 })).toBeUndefined();
    expect(tpcAt(m, { x: 0, y: 0, z: -1 })).toBeUndefined();
  });

  it('assigns a point on a thin cathode to the higher-x TPC and the outer faces to their TPC', () => {
    expect(tpcAt(m, { x: -365, y: 0, z: 1 })?.id).toBe(1);
    expect(tpcAt(m, { x: 365, y: 0, z: 1 })?.id).toBe(3);
    expect(tpcAt(m, { x: -725, y: 0, z: 1 })?.id).toBe(0);
    expect(tpcAt(m, { x: 725, y: 0, z: 1 })?.id).toBe(3);
  });

  it('vectorised lookup agrees point by point', () => {
    const xs = Float64Array.of(-700, -365, 0, 4.9, 5, 725, 800);
    const ys = new Float64Array(xs.length);
    const zs = new Float64Array(xs.length).fill(100);
    const idx = tpcIndexAt(m, xs, ys, zs);
    expect(Array.from(idx)).toEqual([0, 1, -1, -1, 2, 3, -1]);
    for (let i = 0; i < xs.length; i++) expect(idx[i]).toBe(tpcAt(m, { x: xs[i]!, y: 0, z: 100 })?.id ?? -1);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => tpcIndexAt(m, [1, 2], [0], [0, 0])).toThrow(ValidationError);
  });
});

describe('drift distance', () => {
  it('is 0 at the anode and the drift length at the cathode, both drift directions', () => {
    const [t0, t1] = [m.tpcs[0]!, m.tpcs[1]!];
    expect(driftDistanceCm(t0, -725)).toBeCloseTo(0, 12);
    expect(driftDistanceCm(t0, -365)).toBeCloseTo(360, 9);
    expect(driftDistanceCm(t1, -105)).toBeCloseTo(100, 9); // anode at -5 cm
    expect(xAtDriftDistanceCm(t1, 100)).toBeCloseTo(-105, 9);
    expect(xAtDriftDistanceCm(t0, 100)).toBeCloseTo(-625, 9);
  });
});

describe('apaAt', () => {
  it('finds the APA by (y, z) and reports the gaps between columns', () => {
    expect(apaAt(m, 0, -300, 116)).toMatchObject({ plane: 0, row: 0, column: 0 });
    expect(apaAt(m, 2, 300, 5800 - 116)).toMatchObject({ plane: 2, row: 1, column: 24 });
    expect(apaAt(m, 0, 0, 231.5)).toBeUndefined(); // 2 cm gap between columns 0 and 1
    expect(apaAt(m, 1, 0, 100)).toBeUndefined(); // plane 1 is a cathode
  });
});
