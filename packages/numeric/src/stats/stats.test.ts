import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { mean, stdDev, variance } from './moments.js';
import { median, quantile } from './quantile.js';
import { truncatedMean } from './truncated-mean.js';
import { weightedMean } from './weighted-mean.js';

describe('descriptive statistics', () => {
  it('mean, variance, stdDev', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 14);
    expect(stdDev(new Float64Array([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(Math.sqrt(32 / 7), 14);
    // large offset: the corrected two-pass formula keeps the variance exact
    expect(variance([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 6);
    expect(() => mean([])).toThrow(ValidationError);
    expect(() => variance([1])).toThrow(/1 values; expected at least 2/);
  });
  it('quantile (type 7, as R and NumPy) and median', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(() => quantile([1], 1.5)).toThrow(/q = 1.5/);
    expect(() => median([1, Number.NaN])).toThrow(/NaN/);
  });
  it('truncatedMean drops floor(f n) values at each end', () => {
    const v = [100, 1, 2, 3, 4, 5, 6, 7, 8, -50];
    const r = truncatedMean(v, 0.1, 0.1);
    expect(r.kept).toBe(8);
    expect(r.mean).toBe(4.5);
    expect(r.error).toBeCloseTo(stdDev([1, 2, 3, 4, 5, 6, 7, 8]) / Math.sqrt(8), 14);
    expect(truncatedMean(v, 0, 0.5).kept).toBe(5);
    expect(() => truncatedMean(v, 0.6, 0.5)).toThrow(ValidationError);
  });
  it('weightedMean', () => {
    const r = weightedMean([1.0, 1.2], [0.1, 0.2]);
    expect(r.mean).toBeCloseTo((1 / 0.01 + 1.2 / 0.04) / (1 / 0.01 + 1 / 0.04), 14);
    expect(r.error).toBeCloseTo(1 / Math.sqrt(125), 14);
    expect(r.chi2).toBeCloseTo((1 - r.mean) ** 2 / 0.01 + (1.2 - r.mean) ** 2 / 0.04, 12);
    expect(r.ndof).toBe(1);
    expect(() => weightedMean([1], [0])).toThrow(/errors\[0\] = 0/);
  });
});
