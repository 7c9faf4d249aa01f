import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { binIndices } from './axis-index.js';
import { integerAxis } from './integer-axis.js';
import { regularAxis } from './regular-axis.js';
import { variableAxis } from './variable-axis.js';
import { splitByBin } from './split-by-bin.js';
import type { Axis } from './axis.js';

/** The largest double below x (x > 0). */
const below = (x: number): number => {
  if (x === 0) return -Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] = (i[0] as bigint) + (x > 0 ? -1n : 1n);
  return b[0] as number;
};

/** index(edge_i) = i and the double just below edge_i is in bin i - 1, for every edge; binIndices agrees with index. */
function expectConsistentEdges(axis: Axis): void {
  const e = axis.edges();
  const probes: number[] = [];
  for (let i = 0; i <= axis.bins; i++) {
    expect(axis.index(e[i] as number)).toBe(i);
    expect(axis.index(below(e[i] as number))).toBe(i - 1);
    probes.push(e[i] as number, below(e[i] as number));
  }
  expect([...binIndices(axis, probes)]).toEqual(probes.map((x) => axis.index(x)));
}

describe('axes', () => {
  it('regularAxis: edges, centres, widths, title, flows and NaN', () => {
    const a = regularAxis(4, 0, 2, { label: 'drift time', unit: 'ms' });
    expect([...a.edges()]).toEqual([0, 0.5, 1, 1.5, 2]);
    expect([...a.centers()]).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect([...a.widths()]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(a.title).toBe('drift time (ms)');
    expect([a.index(-1e-300), a.index(0), a.index(0.4999999), a.index(0.5), a.index(2 - 1e-15), a.index(2)]).toEqual([-1, 0, 0, 1, 3, 4]);
    expect([a.index(-Infinity), a.index(Infinity), a.index(Number.NaN)]).toEqual([-1, 4, 5]);
    expect(regularAxis(3, 0, 1, { unit: 'cm' }).title).toBe('(cm)');
  });

  it('regularAxis edges are the decimal ones (0.3, not 0.1 + 0.2) and index agrees with them to the last bit', () => {
    const a = regularAxis(10, 0, 1);
    expect([...a.edges()]).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    // 0.3 * 10 = 3.0000000000000004 and 0.7 * 10 = 7.000000000000001: the edge table decides
    expect(a.index(0.3)).toBe(3);
    expect(a.index(0.7)).toBe(7);
    expect(a.index(below(1))).toBe(9); // round-off at the upper edge: (1 - 2^-53) * 10 rounds to 10
    for (const axis of [a, regularAxis(37, -3, 4), regularAxis(100, 0.1, 0.7), regularAxis(7, 1e6, 1e6 + 1), regularAxis(1000, -1e-9, 3e-9), regularAxis(1, 5, 6)]) {
      expectConsistentEdges(axis);
    }
  });

  it('variableAxis: binary search on the edges', () => {
    const a = variableAxis([0, 1, 2, 5, 10, 100], { label: 'residual range', unit: 'cm' });
    expect(a.bins).toBe(5);
    expect([...a.centers()]).toEqual([0.5, 1.5, 3.5, 7.5, 55]);
    expect([...a.widths()]).toEqual([1, 1, 3, 5, 90]);
    expect([-1, 0, 0.99, 1, 4.99, 5, 99.9, 100, Number.NaN].map((x) => a.index(x))).toEqual([-1, 0, 0, 1, 2, 3, 4, 5, 6]);
    expectConsistentEdges(a);
    expectConsistentEdges(variableAxis([-0.3, 0.1, 0.2, 0.30000000000000004, 7]));
    expect(() => variableAxis([0, 1, 1, 2])).toThrow(/strictly increasing/);
    expect(() => variableAxis([0])).toThrow(ValidationError);
    expect(() => variableAxis([0, Infinity])).toThrow(/finite/);
  });

  it('integerAxis: one bin per integer in [lo, hi), boost-histogram convention', () => {
    const a = integerAxis(-1, 3, { label: 'TPC' });
    expect(a.bins).toBe(4);
    expect([...a.edges()]).toEqual([-1, 0, 1, 2, 3]);
    expect([...a.centers()]).toEqual([-0.5, 0.5, 1.5, 2.5]);
    expect([-2, -1, -0.5, 0, 2.999, 3, Number.NaN].map((x) => a.index(x))).toEqual([-1, 0, 0, 1, 3, 4, 5]);
    expectConsistentEdges(a);
    expect(() => integerAxis(0, 0)).toThrow(ValidationError);
    expect(() => integerAxis(0.5, 3)).toThrow(ValidationError);
  });

  it('index and binIndices agree with a linear scan of the edges on random and quantised values', () => {
    const logEdges = Array.from({ length: 61 }, (_, i) => 10 ** (-3 + i / 10));
    const axes: Axis[] = [regularAxis(37, -3, 4), regularAxis(100, 0, 10), variableAxis(logEdges), variableAxis([0, 1, 2, 5, 10, 100]), integerAxis(-5, 20)];
    let u = 12345;
    const random = (): number => ((u = (u * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const axis of axes) {
      const e = axis.edges();
      const span = axis.hi - axis.lo;
      const xs = [
        ...Array.from({ length: 3000 }, () => axis.lo - 0.1 * span + 1.2 * span * random()),
        ...Array.from({ length: 1000 }, () => axis.lo * 1.2 + 1e-3 * Math.floor(1.2e3 * span * random())), // quantised
        ...Array.from({ length: 300 }, () => 10 ** (-3.5 + 6.5 * random())),
      ];
      const scan = (x: number): number => {
        if (Number.isNaN(x)) return axis.bins + 1;
        if (x < axis.lo) return -1;
        if (x >= axis.hi) return axis.bins;
        let b = 0;
        while (x >= (e[b + 1] as number)) b++;
        return b;
      };
      const expected = xs.map(scan);
      expect(xs.map((x) => axis.index(x))).toEqual(expected);
      expect([...binIndices(axis, xs)]).toEqual(expected);
    }
  });

  it('rejects bad regular binning', () => {
    expect(() => regularAxis(0, 0, 1)).toThrow(ValidationError);
    expect(() => regularAxis(2.5, 0, 1)).toThrow(ValidationError);
    expect(() => regularAxis(10, 1, 1)).toThrow(/range \[1, 1\]/);
    expect(() => regularAxis(10, 0, Infinity)).toThrow(ValidationError);
    expect(() => regularAxis(1000, 1, 1 + 1e-14)).toThrow(/resolution/);
  });

  it('splitByBin groups the values per bin in input order, dropping flows and NaN', () => {
    const a = regularAxis(3, 0, 3);
    const groups = splitByBin(a, [2.5, 0.1, -1, 0.9, Number.NaN, 2.2, 3, 1.5], [10, 11, 12, 13, 14, 15, 16, 17]);
    expect(groups.map((g) => [...g])).toEqual([[11, 13], [17], [10, 15]]);
    expect(() => splitByBin(a, [1], [])).toThrow(ValidationError);
  });
});
