import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';
import { Hist1D } from './hist1d.js';
import { Histogram1D } from './histogram-1d.js';
import { integerAxis } from './integer-axis.js';
import { regularAxis } from './regular-axis.js';
import { variableAxis } from './variable-axis.js';

describe('Hist1D', () => {
  it('double storage: bin contents, flows, NaN, sum and Poisson variances', () => {
    const h = new Hist1D(regularAxis(4, 0, 2));
    for (const x of [-1, 0, 0.7, 0.7, 1.99, 2, 5, Number.NaN]) h.fill(x);
    expect(h.storage).toBe('double');
    expect([...h.values()]).toEqual([1, 2, 0, 1]);
    expect([...h.values({ flow: true })]).toEqual([1, 1, 2, 0, 1, 2]);
    expect([...h.variances()]).toEqual([1, 2, 0, 1]);
    expect([...h.counts()]).toEqual([1, 2, 0, 1]);
    expect([h.underflow, h.overflow, h.nan]).toEqual([1, 2, 1]);
    expect(h.sum()).toBe(4);
    expect(h.sum({ flow: true })).toBe(7);
    expect([...h.edges()]).toEqual([0, 0.5, 1, 1.5, 2]);
    expect([...h.centers()]).toEqual([0.25, 0.75, 1.25, 1.75]);
    expect([...h.widths()]).toEqual([0.5, 0.5, 0.5, 0.5]);
    h.fill(1.2, 0.5);
    expect([...h.values()]).toEqual([1, 2, 0.5, 1]);
    expect(() => h.variances()).toThrow(/storage: 'weight'/);
  });

  it('weight storage: Σw and Σw² per bin; counts are the effective entries', () => {
    const h = new Hist1D(variableAxis([0, 1, 3, 10]), { storage: 'weight' });
    h.fillArray([0.5, 0.5, 2, 2, 2, 9, 11, -3], [1, 3, 0.5, 0.5, 2, 4, 7, 8]);
    h.fill(2.5, 1);
    expect([...h.values()]).toEqual([4, 4, 4]);
    expect([...h.variances()]).toEqual([10, 5.5, 16]);
    expect([...h.counts()]).toEqual([1.6, 16 / 5.5, 1]);
    expect([h.underflow, h.overflow, h.nan]).toEqual([8, 7, 0]);
    h.fillArray([0.1, 0.2], 2); // one weight for all
    expect(h.values()[0]).toBe(8);
    expect(h.variances()[0]).toBe(18);
  });

  it('mean storage (profile): mean, variance of the mean and spread per bin, equal to direct formulas', () => {
    const rng = createRng('profile');
    const axis = regularAxis(5, 0, 2500, { label: 'drift time', unit: 'μs' });
    const t = Float64Array.from({ length: 20_000 }, () => rng.uniform() * 2600 - 50);
    const q = Float64Array.from(t, (ti) => 1000 * Math.exp(-ti / 3000) + normal(rng, 0, 80));
    q[17] = Number.NaN;
    const p = new Hist1D(axis, { storage: 'mean' });
    p.fillArray(t, q);
    const groups: number[][] = [[], [], [], [], []];
    let nan = 0;
    t.forEach((ti, i) => {
      const b = axis.index(ti);
      if (Number.isNaN(q[i] as number)) nan++;
      else if (b >= 0 && b < 5) (groups[b] as number[]).push(q[i] as number);
    });
    const values = p.values();
    const variances = p.variances();
    const spread = p.sampleVariances();
    groups.forEach((g, b) => {
      const m = g.reduce((a, v) => a + v, 0) / g.length;
      const s2 = g.reduce((a, v) => a + (v - m) ** 2, 0) / (g.length - 1);
      expect(values[b]).toBeCloseTo(m, 9);
      expect((spread[b] as number) / s2).toBeCloseTo(1, 11);
      expect((variances[b] as number) / (s2 / g.length)).toBeCloseTo(1, 11);
      expect(p.counts()[b]).toBe(g.length);
    });
    expect(p.nan).toBe(nan);
    // single fills give the same accumulators
    const one = new Hist1D(axis, { storage: 'mean' });
    for (let i = 0; i < t.length; i++) one.fill(t[i] as number, q[i] as number);
    expect(one.values()).toEqual(values);
    expect(one.variances()).toEqual(variances);
  });

  it('mean storage with weights: weighted mean, West variance; empty and single-entry bins are NaN', () => {
    const p = new Hist1D(integerAxis(0, 3), { storage: 'mean' });
    p.fillArray([0, 0, 0, 1], [1, 2, 4, 7], [1, 1, 2, 3]);
    const w = [1, 1, 2];
    const x = [1, 2, 4];
    const W = 4;
    const m = (1 + 2 + 8) / W;
    const m2 = w.reduce((a, wi, i) => a + wi * ((x[i] as number) - m) ** 2, 0);
    const s2 = m2 / (W - 6 / W);
    expect(p.values()[0]).toBeCloseTo(m, 14);
    expect(p.sampleVariances()[0]).toBeCloseTo(s2, 13);
    expect(p.variances()[0]).toBeCloseTo((s2 * 6) / (W * W), 13);
    expect(p.counts()[0]).toBeCloseTo(16 / 6, 14);
    expect(p.values()[1]).toBe(7);
    expect(p.variances()[1]).toBeNaN();
    expect(p.values()[2]).toBeNaN();
    expect(p.sum()).toBe(7);
    expect(() => p.fillArray([1], [])).toThrow(/one sample per value/);
  });

  it('fillArray gives exactly what fill gives, and what the deprecated Histogram1D gives', () => {
    const rng = createRng('hist');
    const xs = Float64Array.from({ length: 10_000 }, () => normal(rng, 0, 2));
    xs[5] = Number.NaN;
    const a = new Hist1D(regularAxis(37, -3, 4), { storage: 'weight' });
    const b = new Hist1D(regularAxis(37, -3, 4), { storage: 'weight' });
    a.fillArray(xs);
    for (const x of xs) b.fill(x);
    expect(a.values({ flow: true })).toEqual(b.values({ flow: true }));
    expect(a.variances()).toEqual(b.variances());
    expect(a.nan).toBe(1);
    expect(a.sum({ flow: true }) + a.nan).toBe(10_000);
    const old = new Histogram1D(37, -3, 4);
    old.fillArray(xs);
    expect(a.values()).toEqual(old.counts);
    expect([a.underflow, a.overflow]).toEqual([old.underflow, old.overflow]);
  });

  it('the one-pass regular fill and the general (chunked) path agree, on values exactly at the edges too', () => {
    const axis = regularAxis(37, -3, 4);
    const xs = Float64Array.from({ length: 20_000 }, (_, i) => -3.5 + (i % 8000) * 1e-3); // many on edges
    xs[7] = Number.NaN;
    const ws = Float64Array.from(xs, (_, i) => 0.5 + (i % 7) / 7);
    const fast = new Hist1D(axis, { storage: 'weight' });
    fast.fillArray(xs, ws);
    const single = new Hist1D(axis, { storage: 'weight' });
    xs.forEach((x, i) => single.fill(x, ws[i]));
    expect(fast.values({ flow: true })).toEqual(single.values({ flow: true }));
    expect(fast.variances({ flow: true })).toEqual(single.variances({ flow: true }));
    expect(fast.nan).toBe(single.nan);
    const unit = new Hist1D(axis, { storage: 'weight' });
    unit.fillArray(xs); // one pass
    const chunked = new Hist1D(axis, { storage: 'weight' });
    chunked.fillArray(xs, 1); // a scalar weight takes the general path
    expect(unit.values({ flow: true })).toEqual(chunked.values({ flow: true }));
    expect(unit.variances({ flow: true })).toEqual(chunked.variances({ flow: true }));
    expect([...unit.values()].reduce((a, v) => a + v, 0)).toBe(unit.sum());
    const viaDouble = new Hist1D(axis);
    viaDouble.fillArray(xs);
    expect(viaDouble.values()).toEqual(unit.values());
    expect(viaDouble.variances()).toEqual(unit.variances());
  });

  it('add and clone merge histograms filled apart (means by Chan et al.)', () => {
    const rng = createRng('merge');
    const xs = Float64Array.from({ length: 5000 }, () => rng.uniform() * 10);
    const ys = Float64Array.from({ length: 5000 }, () => normal(rng, 3, 1));
    const axis = regularAxis(10, 0, 10);
    const whole = new Hist1D(axis, { storage: 'mean' });
    whole.fillArray(xs, ys);
    const first = new Hist1D(axis, { storage: 'mean' });
    const second = new Hist1D(axis, { storage: 'mean' });
    first.fillArray(xs.subarray(0, 1234), ys.subarray(0, 1234));
    second.fillArray(xs.subarray(1234), ys.subarray(1234));
    const merged = first.clone().add(second);
    merged.values().forEach((v, i) => expect(v).toBeCloseTo(whole.values()[i] as number, 12));
    merged.sampleVariances().forEach((v, i) => expect(v / (whole.sampleVariances()[i] as number)).toBeCloseTo(1, 12));
    expect(first.sum()).toBe(1234); // clone is independent
    expect(() => merged.add(new Hist1D(regularAxis(10, 0, 11), { storage: 'mean' }))).toThrow(ValidationError);
  });
});
