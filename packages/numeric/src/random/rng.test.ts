import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from './rng.js';

const take = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng('run-42');
    const b = createRng('run-42');
    const c = createRng('run-43');
    const sa = take(1000, () => a.uniform());
    expect(take(1000, () => b.uniform())).toEqual(sa);
    const sc = take(1000, () => c.uniform());
    expect(sc.filter((v, i) => v === sa[i]).length).toBeLessThan(3);
  });

  it('keeps the seed as a string and treats a number seed as its decimal string', () => {
    const r = createRng(7);
    expect(r.seed).toBe('7');
    expect(take(10, () => r.uniform())).toEqual(take(10, ((s) => () => s.uniform())(createRng('7'))));
  });

  it('draws in [0, 1) with mean 1/2 and variance 1/12 within 5 sigma', () => {
    const r = createRng('u');
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u;
      s2 += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    const variance = s2 / n - mean * mean;
    // var of the sample variance of U(0,1): (mu4 - sigma^4)/n = (1/80 - 1/144)/n
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('forks reproducible streams named seed/label, independent of the parent state', () => {
    const parent = createRng('p');
    const f1 = parent.fork('toy-1');
    expect(f1.seed).toBe('p/toy-1');
    const first = take(100, () => f1.uniform());
    parent.uniform();
    parent.uniform();
    const again = parent.fork('toy-1');
    expect(take(100, () => again.uniform())).toEqual(first);
    const other = parent.fork('toy-2');
    const second = take(100, () => other.uniform());
    expect(second.filter((v, i) => v === first[i]).length).toBe(0);
    // neighbouring streams are uncorrelated: |r| < 5/sqrt(n)
    const n = 20_000;
    const x = createRng('p').fork('a');
    const y = createRng('p').fork('b');
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += (x.uniform() - 0.5) * (y.uniform() - 0.5);
    expect(Math.abs((sxy / n) * 12)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('rejects a non-finite number seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(ValidationError);
  });
});
