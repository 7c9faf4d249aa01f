import { OutOfRangeError, ValidationError } from '@nucal/core';

/** What an interpolator does with an x outside [x0, xn]. */
export type OutsideRange = 'throw' | 'clamp' | 'extrapolate';

/** Options of the interpolators. */
export interface InterpolatorOptions {
  /**
   * Outside the table: 'throw' an OutOfRangeError (default), 'clamp' to the end value, or
   * 'extrapolate' with the end segment's polynomial.
   */
  outside?: OutsideRange;
}

/** Checks a table: equal lengths >= 2, strictly increasing finite x, finite y. */
export function validateTable(what: string, x: Float64Array, y: Float64Array): void {
  if (x.length < 2 || y.length !== x.length) {
    throw new ValidationError(`${what}: x has ${x.length} points and y ${y.length}; expected equal lengths >= 2`);
  }
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(y[i] as number)) throw new ValidationError(`${what}: point ${i} (${xi}, ${y[i]}) is not finite`);
    if (i > 0 && !(xi > (x[i - 1] as number))) {
      throw new ValidationError(`${what}: x[${i}] = ${xi} <= x[${i - 1}] = ${x[i - 1]}; expected strictly increasing x`);
    }
  }
}

/** Index i of the segment [x_i, x_{i+1}] holding v (binary search; 0 or n-2 outside). */
export function segmentOf(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] as number) <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Applies the outside-range policy: returns the x to evaluate at (or throws). */
export function applyOutside(what: string, x: Float64Array, v: number, outside: OutsideRange): number {
  const x0 = x[0] as number;
  const xn = x[x.length - 1] as number;
  if (v >= x0 && v <= xn) return v;
  if (Number.isNaN(v)) throw new ValidationError(`${what}: x is NaN`);
  if (outside === 'clamp') return v < x0 ? x0 : xn;
  if (outside === 'extrapolate') return v;
  throw new OutOfRangeError(`${what}: x = ${v} outside the table range [${x0}, ${xn}]`);
}
