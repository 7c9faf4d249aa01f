import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { t0FromCosmics, vdFromCosmics } from './calibrate-drift.js';
import { lifetimeFromCosmics } from './calibrate-lifetime.js';
import { classRates } from './class-rates.js';
import { michelRelativeSpread, perTrackDqdx, relativeSpread } from './event-spread.js';
import { simulateCosmics } from './simulate-cosmics.js';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';
import { DEFAULT_PLANNING, planStatistics } from './statistics-planner.js';
import { TrackClass } from './track-classes.js';

describe('statistics planner', () => {
  it('needs (s/p)^2 events and divides by rate x efficiency per bin', () => {
    const plan = planStatistics({ sample: 'michel', precision: 0.02, resolution: 0.4, efficiency: 0.5, binning: 'tpc', ratesPerDay: { michel: 40 } });
    expect(plan.eventsPerBin).toBe(400);
    expect(plan.ratePerBinPerDay).toBeCloseTo(5, 12);
    expect(plan.daysNeeded).toBeCloseTo(80, 12);
    expect(plan.rateSource).toBe('user');
  });
  it('uses the simulated defaults when rates and resolution are not given', () => {
    const plan = planStatistics({ sample: 'stopping', precision: 0.01 });
    expect(plan.rateSource).toBe('simulated');
    expect(plan.resolutionSource).toBe('simulated');
    expect(plan.resolution).toBe(DEFAULT_PLANNING.resolution.stopping);
    expect(plan.ratePerBinPerDay).toBe(DEFAULT_PLANNING.ratesPerDay.stopping);
    expect(plan.daysNeeded).toBeCloseTo(Math.ceil((DEFAULT_PLANNING.resolution.stopping / 0.01) ** 2) / DEFAULT_PLANNING.ratesPerDay.stopping, 12);
  });
  it('rejects bad input with messages naming the field', () => {
    expect(() => planStatistics({ sample: 'stopping', precision: 2 })).toThrow(/precision/);
    expect(() => planStatistics({ sample: 'muons' as 'stopping', precision: 0.1 })).toThrow(ValidationError);
    expect(() => planStatistics({ sample: 'michel', precision: 0.1, efficiency: 0 })).toThrow(/efficiency/);
  });
});

// The planner's defaults claim to be this package's simulation: re-measure them. Tolerance: 3
// standard errors of the re-measurement (Poisson for the rates; for the spreads the standard
// error of a standard deviation from the fourth moment, see relativeSpread).
describe('statistics planner defaults re-measured on the seeded simulation', () => {
  it('rates per day: 100 detector-days (class flags only: no hits are drawn, classes do not depend on them)', () => {
    // maxTrackPitchCm ~ 0 leaves every track without collection hits, and only the collection
    // view is read out; generator, geometry and true classes as usual (the planner's rates are
    // true rates: the selection efficiency is its own input).
    const { truth } = simulateCosmics({ days: 100, maxTrackPitchCm: 1e-9, views: ['X'], noisyHitsPerEvent: 0 }, createRng('planner-rates'));
    const sample = truth.sample;
    expect(sample.hits.count).toBe(0);
    const rates = classRates(sample);
    for (const name of ['stopping', 'michel', 'throughgoing'] as const) {
      const r = rates[name];
      expect(Math.abs(DEFAULT_PLANNING.ratesPerDay[name] - r.perDay), `${name}: default ${DEFAULT_PLANNING.ratesPerDay[name]}, measured ${r.perDay} +- ${r.errorPerDay}`).toBeLessThan(3 * r.errorPerDay);
    }
  });

  it('spreads per event: 2 detector-days reconstructed from hits (stopping to ~ +-33%, through-going to ~ +-7%), Michel from the model', () => {
    const stopping: number[] = [];
    const throughgoing: number[] = [];
    const rng = createRng('planner-spreads');
    for (let d = 0; d < 2; d++) {
      const sample = reconstructCosmics(simulateCosmics({ days: 1 }, rng.fork(`day-${d}`)).hits);
      const t0 = t0FromCosmics(sample);
      const lifetime = lifetimeFromCosmics(sample, t0, vdFromCosmics(sample, t0), { heightSlices: 0 }).payload;
      stopping.push(...perTrackDqdx(sample, t0, lifetime, TrackClass.STOPPING, [100, 200]));
      throughgoing.push(...perTrackDqdx(sample, t0, lifetime, TrackClass.THROUGHGOING));
    }
    for (const [name, values] of [['stopping', stopping], ['throughgoing', throughgoing]] as const) {
      const s = relativeSpread(values);
      expect(s.n, name).toBeGreaterThan(name === 'stopping' ? 50 : 100);
      expect(Math.abs(DEFAULT_PLANNING.resolution[name] - s.spread), `${name}: default ${DEFAULT_PLANNING.resolution[name]}, measured ${s.spread} +- ${s.error} (${s.n} tracks)`).toBeLessThan(3 * s.error);
    }
    expect(Math.abs(DEFAULT_PLANNING.resolution.michel - michelRelativeSpread())).toBeLessThan(0.001);
  });

  it('relativeSpread: RMS / mean with the standard error of a standard deviation', () => {
    const r = relativeSpread([9, 10, 11]);
    expect(r.spread).toBeCloseTo(0.1, 12);
    // Gaussian values: the error is s / sqrt(2n) relative, to within the fourth moment's scatter.
    const rng = createRng('spread');
    const g = Array.from({ length: 20_000 }, () => 100 + 5 * Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform()));
    const s = relativeSpread(g);
    expect(s.spread).toBeCloseTo(0.05, 2);
    expect(s.error / (s.spread / Math.sqrt(2 * g.length))).toBeCloseTo(1, 1);
  });
});
