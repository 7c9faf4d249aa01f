import { describe, expect, it } from 'vitest';
import { createRng, truncatedMean } from '@nucal/numeric';
import { ResponseModelSchema } from '@nucal/tpc-drift';
import { sharingResponse } from './sharing-response.js';

const response = ResponseModelSchema.parse({});
const estimator = (v: Float64Array): number => truncatedMean(v, 0.05, 0.4).mean;
const base = { skipEndWires: 1, estimator, pitchCm: 0.8, betaGamma: 1000, driftTimesUs: [0, 500, 1100, 2200], tracks: 800 };

describe('diffusion response of a wire-group estimator', () => {
  it('is 1 at zero drift and without diffusion, and rises with drift time, less for larger groups', () => {
    const single = sharingResponse(response, 0.479, { ...base, wiresPerGroup: 1 });
    const four = sharingResponse(response, 0.479, { ...base, wiresPerGroup: 4 });
    expect(single[0]).toBe(1);
    for (let i = 1; i < 4; i++) {
      expect(single[i]!).toBeGreaterThan(single[i - 1]!);
      expect(four[i]!).toBeGreaterThan(four[i - 1]!);
      // Only the two edge wires of a group exchange charge with other groups.
      expect(four[i]! - 1).toBeLessThan(0.6 * (single[i]! - 1));
    }
    const none = sharingResponse({ ...response, transverseDiffusionCm2PerS: 0 }, 0.479, { ...base, wiresPerGroup: 4 });
    expect(Array.from(none)).toEqual([1, 1, 1, 1]);
  });

  it('does not depend on the toy seed beyond 0.1% (the precision the lifetime needs)', () => {
    const a = sharingResponse(response, 0.479, { ...base, wiresPerGroup: 4, rng: createRng('a') });
    const b = sharingResponse(response, 0.479, { ...base, wiresPerGroup: 4, rng: createRng('b') });
    for (let i = 0; i < 4; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-3);
  });
});
