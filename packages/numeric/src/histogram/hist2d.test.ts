import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';
import { Hist1D } from './hist1d.js';
import { Hist2D } from './hist2d.js';
import { integerAxis } from './integer-axis.js';
import { regularAxis } from './regular-axis.js';
import { variableAxis } from './variable-axis.js';

describe('Hist2D', () => {
  it('bins pairs x-major, with flows per axis and NaN', () => {
    const h = new Hist2D(regularAxis(2, 0, 2), integerAxis(0, 3), { storage: 'weight' });
    h.fill(0.5, 0);
    h.fill(0.5, 2, 2);
    h.fill(1.5, 1, 3);
    h.fill(-1, 1);
    h.fill(1.5, 7);
    h.fill(Number.NaN, 1);
    h.fill(0.2, Number.NaN, 4);
    // (i, j) at i * 3 + j
    expect([...h.values()]).toEqual([1, 0, 2, 0, 3, 0]);
    expect([...h.variances()]).toEqual([1, 0, 4, 0, 9, 0]);
    expect(h.sum()).toBe(6);
    expect(h.sum({ flow: true })).toBe(8);
    expect(h.nan).toBe(5);
    // with flow: (2 + 2) x (3 + 2); x underflow row first, y overflow last in each row
    const f = h.values({ flow: true });
    expect(f.length).toBe(20);
    expect(f[0 * 5 + 2]).toBe(1); // x underflow, y = 1
    expect(f[2 * 5 + 4]).toBe(1); // x bin 1, y overflow
    expect(f[1 * 5 + 1]).toBe(1); // x bin 0, y bin 0
  });

  it('projections are the 1D histograms of the same entries; a y slice sums those bins only', () => {
    const rng = createRng('h2');
    const n = 20_000;
    const rr = Float64Array.from({ length: n }, () => rng.uniform() * 120 - 5);
    const dedx = Float64Array.from(rr, (r) => 2.1 + 15 / (r + 3) + normal(rng, 0, 0.3));
    dedx[3] = Number.NaN;
    rr[4] = Number.NaN;
    const xAxis = variableAxis([0, 2, 5, 10, 20, 50, 100], { label: 'residual range', unit: 'cm' });
    const yAxis = regularAxis(60, 0, 12, { label: 'dE/dx', unit: 'MeV/cm' });
    const h = new Hist2D(xAxis, yAxis);
    h.fillArray(rr, dedx);
    const hx = new Hist1D(xAxis);
    hx.fillArray(rr);
    const hy = new Hist1D(yAxis);
    hy.fillArray(dedx);
    const px = h.projectX();
    const py = h.projectY();
    expect(px.values({ flow: true })).toEqual(hx.values({ flow: true }));
    expect(px.nan).toBe(hx.nan);
    expect(py.values({ flow: true })).toEqual(hy.values({ flow: true }));
    expect(py.nan).toBe(hy.nan);
    // the slice of residual-range bins 3..4 ([10, 50) cm) against a direct selection
    const sel = new Hist1D(yAxis);
    sel.fillArray(dedx.filter((_, i) => (rr[i] as number) >= 10 && (rr[i] as number) < 50));
    expect(h.projectY({ bins: [3, 5] }).values({ flow: true })).toEqual(sel.values({ flow: true }));
    expect(() => h.projectY({ bins: [3, 7] })).toThrow(ValidationError);
    // array fill = single fills
    const one = new Hist2D(xAxis, yAxis);
    for (let i = 0; i < n; i++) one.fill(rr[i] as number, dedx[i] as number);
    expect(one.values({ flow: true })).toEqual(h.values({ flow: true }));
    expect(one.nan).toBe(2);
  });

  it('a 2D profile (mean storage) projects to the 1D profile, merging the means', () => {
    const rng = createRng('h2-mean');
    const n = 5000;
    const x = Float64Array.from({ length: n }, () => rng.uniform() * 4);
    const y = Float64Array.from({ length: n }, () => rng.uniform() * 3);
    const q = Float64Array.from(x, (xi) => 10 * xi + normal(rng, 0, 1));
    const xAxis = regularAxis(4, 0, 4);
    const p2 = new Hist2D(xAxis, regularAxis(3, 0, 3), { storage: 'mean' });
    p2.fillArray(x, y, q);
    const p1 = new Hist1D(xAxis, { storage: 'mean' });
    p1.fillArray(x, q);
    const px = p2.projectX();
    px.values().forEach((v, i) => expect(v).toBeCloseTo(p1.values()[i] as number, 11));
    px.sampleVariances().forEach((v, i) => expect(v / (p1.sampleVariances()[i] as number)).toBeCloseTo(1, 11));
    expect([...px.counts()]).toEqual([...p1.counts()]);
    expect(p2.sampleVariances().length).toBe(12);
    expect(() => p2.fillArray(x, y.subarray(1), q)).toThrow(/equal lengths/);
  });
});
