import { describe, expect, it } from 'vitest';
import { highestRunningSum3 } from './peak-start.js';

describe('highestRunningSum3', () => {
  it('finds the bin of the largest 3-bin sum, the first of equals', () => {
    expect(highestRunningSum3([0, 2, 5, 9, 4, 1])).toEqual({ bin: 3, sum: 18 });
    expect(highestRunningSum3([1, 1, 1, 1, 1])).toEqual({ bin: 1, sum: 3 });
    expect(highestRunningSum3(new Float64Array([7, 0]))).toEqual({ bin: 1, sum: -1 });
  });
});
