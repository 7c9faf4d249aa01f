import { describe, expect, it } from 'vitest';
import { b12Curve } from './curves.js';

describe('curves of the plots', () => {
  it('B-12 pulls are the Neyman terms (N - P)/sqrt(N), empty bins with N = 1, and sqrt N errors', () => {
    const curve = b12Curve({ folder: { edgesMeV: [3, 3.1, 3.2, 3.3] }, counts: Float64Array.of(100, 81, 0) }, [90, 90, 2], { chi2: 1, ndof: 1, pValue: 0.3 });
    expect(curve.pulls[0]).toBeCloseTo(1, 12);
    expect(curve.pulls[1]).toBeCloseTo(-1, 12);
    expect(curve.pulls[2]).toBe(-2);
    expect(curve.sumPull2).toBeCloseTo(6, 12);
    expect(curve.events).toBe(181);
    expect(curve.countErrors).toEqual([10, 9, 0]);
    expect(curve.centresMeV.map((c) => +c.toFixed(12))).toEqual([3.05, 3.15, 3.25]);
  });
});
