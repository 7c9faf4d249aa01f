import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { brent } from './brent.js';

describe('brent', () => {
  it('finds bracketed roots to the tolerance', () => {
    expect(Math.abs(brent((x) => x * x - 2, 0, 2) - Math.SQRT2)).toBeLessThan(1e-12);
    expect(Math.abs(brent((x) => Math.cos(x) - x, 0, 1) - 0.7390851332151607)).toBeLessThan(1e-12);
    expect(Math.abs(brent((x) => Math.exp(x) - 1e-3, -20, 5, { tol: 1e-14 }) - Math.log(1e-3))).toBeLessThan(1e-13);
    expect(brent((x) => x - 3, 3, 5)).toBe(3);
  });
  it('names f(a) and f(b) when the root is not bracketed', () => {
    expect(() => brent((x) => x * x + 1, -1, 2)).toThrow(ValidationError);
    expect(() => brent((x) => x * x + 1, -1, 2)).toThrow('f(-1) = 2 and f(2) = 5 have the same sign');
  });
});
