import { OutOfRangeError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { larDensityGPerCm3 } from './lar-density.js';

describe('larDensityGPerCm3', () => {
  it('is -0.00615 T + 1.928 g/cm3 (PHYSICS.md 5)', () => {
    expect(larDensityGPerCm3(87)).toBeCloseTo(1.39295, 10);
    expect(larDensityGPerCm3(89)).toBeCloseTo(1.38065, 10);
  });

  it('agrees within 0.5% with the PDG liquid-argon density 1.396 g/cm3 at the normal boiling point 87.3 K', () => {
    // PDG Atomic and Nuclear Properties, "Liquid argon (Ar)"
    expect(Math.abs(larDensityGPerCm3(87.3) / 1.396 - 1)).toBeLessThan(0.005);
  });

  it('rejects temperatures outside the liquid range of the fit', () => {
    expect(() => larDensityGPerCm3(80)).toThrow(OutOfRangeError);
    expect(() => larDensityGPerCm3(100)).toThrow(/100 K.*83.8 <= T <= 94 K/);
  });
});
