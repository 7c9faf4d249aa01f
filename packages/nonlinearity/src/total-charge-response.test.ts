import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng, normal, poisson } from '@nucal/numeric';
import { measuredCharge } from '@nucal/optics';
import { totalChargeResponse } from './total-charge-response.js';

describe('total charge response of non-linear channels', () => {
  const channels = 2000;
  const rng = createRng('tcr');
  const c = Float64Array.from({ length: channels }, () => 0.005 * (1 + 0.1 * normal(rng)));
  const w = Float64Array.from({ length: channels }, () => 1 + 0.07 * normal(rng));
  const s = 0.3;

  it('is the exact quadratic n (1 + (1 + s^2) sum c w) + n^2 sum c w^2, and its inverse', () => {
    const r = totalChargeResponse({ form: 'quadratic', coefficientPerPe: c, shares: w, speChargeResolution: s, maxPe: 5000 });
    const sw = w.reduce((a, b) => a + b, 0);
    let a = 0;
    let b = 0;
    for (let i = 0; i < channels; i++) {
      a += (c[i]! * w[i]!) / sw;
      b += (c[i]! * (w[i]! / sw) ** 2);
    }
    // linear interpolation of a quadratic: off by at most b h^2 / 4 (h = 12.5 PE here)
    const bound = (b * 12.5 ** 2) / 4 + 1e-9;
    for (const n of [10, 185, 1345, 3000, 4990]) {
      const exact = n * (1 + (1 + s * s) * a) + n * n * b;
      expect(Math.abs(r.measuredPe(n) - exact)).toBeLessThan(bound);
      expect(Math.abs(r.truePe(exact) - n)).toBeLessThan(bound);
      expect(r.slope(n)).toBeCloseTo(1 + (1 + s * s) * a + 2 * n * b, 6);
    }
  });

  it('matches events drawn channel by channel (Poisson PE, Gaussian single-PE charges, the channel non-linearity)', () => {
    // 400 events of 2,000 PE on 2,000 channels (1 PE per channel on average)
    const r = totalChargeResponse({ form: 'quadratic', coefficientPerPe: c, shares: w, speChargeResolution: s, maxPe: 5000 });
    const sw = w.reduce((x, y) => x + y, 0);
    const ev = createRng('tcr-events');
    let sumTrue = 0;
    let sumMeas = 0;
    const events = 400;
    for (let e = 0; e < events; e++) {
      for (let i = 0; i < channels; i++) {
        const k = poisson(ev, (2000 * w[i]!) / sw);
        if (k === 0) continue;
        const q = normal(ev, k, s * Math.sqrt(k));
        sumTrue += q;
        sumMeas += measuredCharge('quadratic', c[i]!, q);
      }
    }
    // the non-linear part of the mean measured total is about 21 PE; its event-to-event scatter
    // about 0.55 PE (sum c^2 Var(q^2)), 0.03 PE on the mean of 400 events; the response's own
    // approximations (the Poisson mean for the given total) are far smaller
    const nonlinearPart = sumMeas / events - sumTrue / events;
    console.log(`2,000 PE on 2,000 channels: non-linear part ${nonlinearPart.toFixed(2)} PE, response ${(r.measuredPe(sumTrue / events) - sumTrue / events).toFixed(2)} PE`);
    expect(nonlinearPart).toBeGreaterThan(15);
    expect(Math.abs(sumMeas / events - r.measuredPe(sumTrue / events))).toBeLessThan(0.15);
    // the correction brings the measured mean back to the true one
    expect(Math.abs(r.truePe(sumMeas / events) / (sumTrue / events) - 1)).toBeLessThan(3e-4);
  });

  it('handles the saturating form and refuses inconsistent inputs', () => {
    const r = totalChargeResponse({ form: 'saturating', coefficientPerPe: c, shares: w, speChargeResolution: s, maxPe: 5000 });
    expect(r.measuredPe(3000)).toBeLessThan(3000);
    expect(r.truePe(r.measuredPe(3000))).toBeCloseTo(3000, 6);
    expect(() => totalChargeResponse({ form: 'quadratic', coefficientPerPe: c, shares: w.subarray(1), speChargeResolution: s })).toThrow(ValidationError);
    expect(() => totalChargeResponse({ form: 'quadratic', coefficientPerPe: [0.1], shares: [0], speChargeResolution: s })).toThrow(/sum to 0/);
  });
});
