import { duneFdSpModule } from '@nucal/geometry';
import { ValidationError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { driftDistanceFromTimeCm, driftTimeFromDistanceUs, xFromHitTimeCm } from './drift-time.js';

describe('drift time <-> position', () => {
  const m = duneFdSpModule();

  it('x = vd (t - t0): 1000 us at 1.6 mm/us is 160 cm, and back', () => {
    expect(driftDistanceFromTimeCm(1000, 1.6)).toBeCloseTo(160, 12);
    expect(driftTimeFromDistanceUs(160, 1.6)).toBeCloseTo(1000, 12);
    // full 360 cm drift at 1.6 mm/us
    expect(driftTimeFromDistanceUs(m.driftLengthCm, 1.6)).toBeCloseTo(2250, 9);
  });

  it('places charge on the correct side of each anode', () => {
    // TPC 0: anode at -725, electrons drift to -x, so charge comes from x > -725
    expect(xFromHitTimeCm(m.tpcs[0]!, 1250, 0, 1.6)).toBeCloseTo(-525, 9);
    // TPC 1: anode at -5, charge comes from x < -5; t0 = 250 us shifts the drift time to 1000 us
    expect(xFromHitTimeCm(m.tpcs[1]!, 1250, 250, 1.6)).toBeCloseTo(-165, 9);
  });

  it('rejects a non-positive drift velocity', () => {
    expect(() => driftDistanceFromTimeCm(10, 0)).toThrow(ValidationError);
  });
});
