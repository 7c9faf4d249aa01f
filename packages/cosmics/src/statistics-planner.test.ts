import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { planStatistics } from './statistics-planner.js';

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
    expect(plan.daysNeeded).toBeGreaterThan(0);
  });
  it('rejects bad input with messages naming the field', () => {
    expect(() => planStatistics({ sample: 'stopping', precision: 2 })).toThrow(/precision/);
    expect(() => planStatistics({ sample: 'muons' as 'stopping', precision: 0.1 })).toThrow(ValidationError);
    expect(() => planStatistics({ sample: 'michel', precision: 0.1, efficiency: 0 })).toThrow(/efficiency/);
  });
});
