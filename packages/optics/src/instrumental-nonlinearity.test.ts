import { describe, expect, it } from 'vitest';
import { createRng, normal, poisson } from '@nucal/numeric';
import {
  createLpmtChannels, eventLevelResidual, expectedMeasuredCharge, fitChannelNonlinearity, measuredCharge, simulateLaserScan,
  trueChargeFromMeasured,
} from './instrumental-nonlinearity.js';

const INTENSITIES = [1, 2, 5, 10, 20, 40, 70, 100];

describe('LPMT channel charge non-linearity', () => {
  it('forms and their inverses (default extreme case: 50% at 100 PE)', () => {
    expect(measuredCharge('quadratic', 0.005, 100)).toBeCloseTo(150, 12);
    expect(measuredCharge('saturating', 0.01, 100)).toBeCloseTo(50, 12);
    for (const q of [0.3, 1, 17, 100, 140]) {
      expect(trueChargeFromMeasured('quadratic', 0.005, measuredCharge('quadratic', 0.005, q))).toBeCloseTo(q, 10);
      expect(trueChargeFromMeasured('saturating', 0.01, measuredCharge('saturating', 0.01, q))).toBeCloseTo(q, 10);
    }
    expect(() => trueChargeFromMeasured('saturating', 0.01, 100)).toThrow(/saturation/);
    const ch = createLpmtChannels({ channels: 10, form: 'saturating' }, createRng(1));
    expect(ch.nominalCoefficientPerPe).toBeCloseTo(0.01, 12);
  });

  it('E[f(q)] of a compound-Poisson charge agrees with a shot-by-shot simulation (200k shots, 4 sigma)', () => {
    const rng = createRng('expectation');
    for (const [form, c] of [['quadratic', 0.005], ['saturating', 0.01]] as const) {
      for (const mu of [3, 100]) {
        const n = 200_000;
        let s = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          const k = poisson(rng, mu);
          const q = k > 0 ? normal(rng, k, 0.3 * Math.sqrt(k)) : 0;
          const m = measuredCharge(form, c, q);
          s += m;
          s2 += m * m;
        }
        const mean = s / n;
        const sd = Math.sqrt(s2 / n - mean * mean);
        expect(Math.abs(mean - expectedMeasuredCharge(form, c, mu, 0.3)), `${form} mu=${mu}`).toBeLessThan((4 * sd) / Math.sqrt(n));
      }
    }
  });

  for (const form of ['quadratic', 'saturating'] as const) {
    it(`closure (${form}): fitted coefficients are unbiased with unit pulls over 400 channels; event-level residual < 0.3%`, () => {
      const rng = createRng(`closure-${form}`);
      const channels = createLpmtChannels({ channels: 400, form }, rng);
      const scan = simulateLaserScan(channels, { intensitiesPe: INTENSITIES }, rng);
      const fit = fitChannelNonlinearity(scan, { form });
      expect(fit.invalidCount).toBe(0);
      const n = fit.channelIndex.length;
      let sum = 0;
      let sum2 = 0;
      let chi2 = 0;
      for (let a = 0; a < n; a++) {
        const pull = ((fit.coefficientPerPe[a] as number) - (channels.coefficientPerPe[a] as number)) / (fit.coefficientErrorPerPe[a] as number);
        sum += pull;
        sum2 += pull * pull;
        chi2 += fit.chi2[a] as number;
      }
      const mean = sum / n;
      const width = Math.sqrt(sum2 / n - mean * mean);
      // pulls: mean within 3/sqrt(N) of 0, width within 20% of 1; chi2/ndof within 3 sigma of 1
      expect(Math.abs(mean)).toBeLessThan(3 / Math.sqrt(n));
      expect(Math.abs(width - 1)).toBeLessThan(0.2);
      expect(Math.abs(chi2 / (n * fit.ndof) - 1)).toBeLessThan(3 * Math.sqrt(2 / (n * fit.ndof)));
      const res = eventLevelResidual(channels, fit, { intensitiesPe: INTENSITIES, eventsPerIntensity: 10 }, rng);
      expect(res.maxAbsUncorrected).toBeGreaterThan(0.4); // the extreme case: ~50% at 100 PE
      expect(res.maxAbsResidual).toBeLessThan(3e-3);
    });
  }

  it('is reproducible for a seed and validates the configuration', () => {
    const run = () => {
      const rng = createRng('repro');
      const ch = createLpmtChannels({ channels: 20 }, rng);
      return Array.from(fitChannelNonlinearity(simulateLaserScan(ch, {}, rng), { form: 'quadratic' }).coefficientPerPe);
    };
    expect(run()).toEqual(run());
    expect(() => createLpmtChannels({ channels: 0 }, createRng(1))).toThrow(/channels/);
    expect(() => simulateLaserScan(createLpmtChannels({ channels: 2 }, createRng(1)), { intensitiesPe: [1, 2] }, createRng(1))).toThrow(/intensitiesPe/);
  });
});
