import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { Histogram1D } from './histogram-1d.js';
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';

describe('Histogram1D', () => {
  it('bins values on half-open intervals [lo + i w, lo + (i+1) w) with under/overflow', () => {
    const h = new Histogram1D(4, 0, 2);
    expect(h.binOf(0)).toBe(0);
    expect(h.binOf(0.4999999)).toBe(0);
    expect(h.binOf(0.5)).toBe(1);
    expect(h.binOf(2 - 1e-15)).toBe(3);
    expect(h.binOf(2)).toBe(4);
    expect(h.binOf(-1e-300)).toBe(-1);
    for (const x of [-1, 0, 0.7, 0.7, 1.99, 2, 5]) h.fill(x);
    h.fill(1.2, 0.5);
    h.fill(Number.NaN);
    expect([...h.counts]).toEqual([1, 2, 0.5, 1]);
    expect([...h.sumw2]).toEqual([1, 2, 0.25, 1]);
    expect(h.underflow).toBe(1);
    expect(h.overflow).toBe(2);
    expect(h.nanCount).toBe(1);
    expect(h.integral()).toBe(4.5);
    expect(h.integral({ includeFlow: true })).toBe(7.5);
    expect([...h.edges()]).toEqual([0, 0.5, 1, 1.5, 2]);
    expect([...h.centers()]).toEqual([0.25, 0.75, 1.25, 1.75]);
  });

  it('fillArray gives exactly what fill gives', () => {
    const rng = createRng('hist');
    const xs = Float64Array.from({ length: 10_000 }, () => normal(rng, 0, 2));
    xs[5] = Number.NaN;
    const a = new Histogram1D(37, -3, 4);
    const b = new Histogram1D(37, -3, 4);
    a.fillArray(xs);
    for (const x of xs) b.fill(x);
    expect(a.counts).toEqual(b.counts);
    expect(a.sumw2).toEqual(b.sumw2);
    expect([a.underflow, a.overflow, a.nanCount]).toEqual([b.underflow, b.overflow, b.nanCount]);
    expect(a.integral({ includeFlow: true }) + a.nanCount).toBe(10_000);
  });

  it('rejects bad binning', () => {
    expect(() => new Histogram1D(0, 0, 1)).toThrow(ValidationError);
    expect(() => new Histogram1D(10, 1, 1)).toThrow(/range \[1, 1\]/);
  });
});
