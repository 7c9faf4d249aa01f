import { describe, expect, it } from 'vitest';
import type { FitSummary } from '@nucal/core';
import type { LifetimePayload } from '@nucal/tpc-drift';
import { lifetimeLookup } from './lifetime-lookup.js';

const fit: FitSummary = { parameters: [], values: {}, errors: {}, covariance: [], chi2: 0, ndof: 0, valid: true };
const payload: LifetimePayload = {
  estimator: 'truncated-mean',
  entries: [
    { tpc: 0, lifetimeMs: 10, errorMs: 0.1, nHits: 1, fit },
    { tpc: 0, yMinCm: -600, yMaxCm: -200, lifetimeMs: 8, errorMs: 0.2, nHits: 1, fit },
    { tpc: 0, yMinCm: -200, yMaxCm: 200, lifetimeMs: 10, errorMs: 0.2, nHits: 1, fit },
    { tpc: 0, yMinCm: 200, yMaxCm: 600, lifetimeMs: 12, errorMs: 0.2, nHits: 1, fit },
    { tpc: 1, lifetimeMs: 6, errorMs: 0.1, nHits: 1, fit },
  ],
};

describe('lifetimeLookup', () => {
  const l = lifetimeLookup(payload);
  it('interpolates linearly between slice centres and extrapolates along the end segments', () => {
    expect(l.lifetimeMs(0, 0)).toBeCloseTo(10, 12);
    expect(l.lifetimeMs(0, 200)).toBeCloseTo(11, 12);
    expect(l.lifetimeMs(0, -600)).toBeCloseTo(7, 12);
  });
  it('uses the whole-TPC value without slices and fails for a TPC it does not know', () => {
    expect(l.lifetimeMs(1, 300)).toBe(6);
    expect(l.entry(0).errorMs).toBe(0.1);
    expect(() => l.lifetimeMs(3, 0)).toThrow(/TPC 3/);
  });
});
