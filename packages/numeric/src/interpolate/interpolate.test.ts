import { describe, expect, it } from 'vitest';
import { OutOfRangeError, ValidationError } from '@nucal/core';
import { naturalCubicSpline } from './cubic-spline.js';
import { linearInterpolator } from './linear-interpolator.js';

const grid = (n: number, a: number, b: number): Float64Array => Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

describe('naturalCubicSpline', () => {
  it('passes through the knots and reproduces straight lines exactly', () => {
    const x = new Float64Array([0, 0.3, 1, 2.5, 4]);
    const y = x.map((v) => 2 - 3 * v);
    const s = naturalCubicSpline(x, y);
    for (const v of [0, 0.1, 0.3, 1.7, 3.99, 4]) {
      expect(s.at(v)).toBeCloseTo(2 - 3 * v, 13);
      expect(s.derivative(v)).toBeCloseTo(-3, 12);
    }
  });
  it('interpolates sin on a 0.05 grid to 1e-6 (away from the natural ends) with derivative cos', () => {
    const x = grid(201, 0, 10);
    const s = naturalCubicSpline(x, x.map(Math.sin));
    let maxErr = 0;
    let maxDerr = 0;
    for (let v = 1; v < 9; v += 0.0137) {
      maxErr = Math.max(maxErr, Math.abs(s.at(v) - Math.sin(v)));
      maxDerr = Math.max(maxDerr, Math.abs(s.derivative(v) - Math.cos(v)));
    }
    expect(maxErr).toBeLessThan(1e-6); // h^4/384 ≈ 1.6e-8 in theory
    expect(maxDerr).toBeLessThan(1e-4);
  });
  it('throws outside the range by default, clamps or extrapolates on request', () => {
    const x = new Float64Array([0, 1, 2]);
    const y = new Float64Array([0, 1, 4]);
    expect(() => naturalCubicSpline(x, y).at(2.5)).toThrow(OutOfRangeError);
    expect(() => naturalCubicSpline(x, y).at(2.5)).toThrow('x = 2.5 outside the table range [0, 2]');
    expect(naturalCubicSpline(x, y, { outside: 'clamp' }).at(-1)).toBe(0);
    expect(naturalCubicSpline(x, y, { outside: 'clamp' }).derivative(3)).toBe(0);
    expect(Number.isFinite(naturalCubicSpline(x, y, { outside: 'extrapolate' }).at(3))).toBe(true);
    expect(() => naturalCubicSpline(new Float64Array([0, 0]), new Float64Array([1, 1]))).toThrow(ValidationError);
  });
});

describe('linearInterpolator', () => {
  it('interpolates linearly and handles the range policy', () => {
    const f = linearInterpolator(new Float64Array([300, 400, 500]), new Float64Array([0.1, 0.3, 0.2]));
    expect(f.at(450)).toBeCloseTo(0.25, 15);
    expect(f.at(300)).toBe(0.1);
    expect(f.at(500)).toBe(0.2);
    expect(() => f.at(299)).toThrow(OutOfRangeError);
    const c = linearInterpolator(new Float64Array([0, 1]), new Float64Array([0, 2]), { outside: 'extrapolate' });
    expect(c.at(2)).toBe(4);
    expect(linearInterpolator(new Float64Array([0, 1]), new Float64Array([0, 2]), { outside: 'clamp' }).at(9)).toBe(2);
  });
});
