import { OutOfRangeError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { driftVelocityMmPerUs } from './drift-velocity.js';

describe('driftVelocityMmPerUs (Walkowiak + ICARUS, as in LArSoft DetectorPropertiesStandard)', () => {
  it('matches the DUNE nominal 1.6 mm/us at 500 V/cm, 87 K within 2% (DUNE FD TDR Vol. IV, arXiv:2002.03010)', () => {
    expect(Math.abs(driftVelocityMmPerUs(0.5, 87) / 1.6 - 1)).toBeLessThan(0.02);
  });

  it('reproduces the ICARUS branch computed by hand at 0.5 kV/cm, 87 K', () => {
    // (1 + 0.0464 * 18.749) * (1.88125 * 0.5 * ln(1 + 0.99408 / 0.5) + 0.01172 * 0.5^4.20214) + 0.01712 * (87 - 105.749)
    // = 1.8699536 * (1.0296618 + 0.0006369) - 0.3209829 = 1.605629
    expect(driftVelocityMmPerUs(0.5, 87)).toBeCloseTo(1.605629, 5);
  });

  it('reproduces the Walkowiak branch at its reference temperature T0W = 90.371 K, 1 kV/cm', () => {
    // 0.141 * 1 * ln(1 + 12.4) + 1.627 * 1^0.317 = 0.365931 + 1.627 (temperature terms vanish)
    expect(driftVelocityMmPerUs(1, 90.371)).toBeCloseTo(1.992931, 5);
  });

  it('is linear below the low-field threshold: 0.05 kV/cm x 5.18406 mm/us/(kV/cm) at 87.203 K', () => {
    expect(driftVelocityMmPerUs(0.05, 87.203)).toBeCloseTo(0.259203, 6);
  });

  it('blends ICARUS and Walkowiak linearly between 0.619 and 0.699 kV/cm (continuous at both ends)', () => {
    for (const t of [87, 90, 94]) {
      for (const e of [0.619, 0.699]) {
        const below = driftVelocityMmPerUs(e - 1e-9, t);
        const above = driftVelocityMmPerUs(e + 1e-9, t);
        expect(Math.abs(above - below)).toBeLessThan(1e-6);
      }
    }
  });

  it('rises monotonically with field from 0.1 to 4 kV/cm at every temperature 87-94 K', () => {
    for (let t = 87; t <= 94; t += 0.5) {
      let prev = 0;
      for (let e = 0.1; e <= 4; e += 0.001) {
        const v = driftVelocityMmPerUs(e, t);
        expect(v).toBeGreaterThan(prev);
        prev = v;
      }
    }
  });

  it('falls with temperature at fixed field (about -2% per K at 500 V/cm)', () => {
    const slope = (driftVelocityMmPerUs(0.5, 90) - driftVelocityMmPerUs(0.5, 88)) / 2 / driftVelocityMmPerUs(0.5, 89);
    expect(slope).toBeLessThan(-0.015);
    expect(slope).toBeGreaterThan(-0.025);
  });

  it('throws OutOfRangeError naming the value and the range outside 0 < E <= 4 kV/cm, 87-94 K', () => {
    expect(() => driftVelocityMmPerUs(4.5, 87)).toThrow(OutOfRangeError);
    expect(() => driftVelocityMmPerUs(4.5, 87)).toThrow(/4\.5 kV\/cm.*0 < E <= 4 kV\/cm/);
    expect(() => driftVelocityMmPerUs(0, 87)).toThrow(OutOfRangeError);
    expect(() => driftVelocityMmPerUs(0.5, 86)).toThrow(/86 K.*87 <= T <= 94 K/);
    expect(() => driftVelocityMmPerUs(0.5, Number.NaN)).toThrow(OutOfRangeError);
  });
});
