import { ValidationError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { correctLifetimeInPlace, lifetimeAttenuation } from './electron-lifetime.js';

describe('electron lifetime attenuation', () => {
  it('Q/Q0 = exp(-(t - t0)/tau)', () => {
    expect(lifetimeAttenuation(0, 3)).toBe(1);
    expect(lifetimeAttenuation(2250, 10)).toBeCloseTo(Math.exp(-0.225), 14);
    expect(lifetimeAttenuation(3000, 3)).toBeCloseTo(Math.exp(-1), 14);
    expect(lifetimeAttenuation(1000, Infinity)).toBe(1);
  });

  it('the correction undoes the attenuation', () => {
    const t = Float64Array.of(0, 500, 2250);
    const q = Float64Array.from(t, (ti) => 100 * lifetimeAttenuation(ti, 5));
    correctLifetimeInPlace(q, t, 5);
    for (const v of q) expect(v).toBeCloseTo(100, 10);
  });

  it('rejects a non-positive lifetime and mismatched arrays', () => {
    expect(() => lifetimeAttenuation(10, 0)).toThrow(ValidationError);
    expect(() => correctLifetimeInPlace(new Float64Array(2), [1], 5)).toThrow(ValidationError);
  });
});
