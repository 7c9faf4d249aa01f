import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { shareChargeInPlace } from './charge-sharing.js';
import { simulateCosmics } from './simulate-cosmics.js';
import { TrackClass } from './track-classes.js';
import { wireGroups } from './wire-groups.js';

describe('wire groups', () => {
  const { sample } = simulateCosmics({ days: 0.02 }, createRng('wire-groups')).truth;
  const through = (t: number): boolean => (sample.tracks.flags[t]! & TrackClass.THROUGHGOING) !== 0;

  it('cuts every TPC piece of the selected tracks into groups of N consecutive wires after skipping the end wires', () => {
    const g = wireGroups(sample, through, { wiresPerGroup: 4, skipEndWires: 1 });
    let expected = 0;
    for (let k = 0; k < sample.segments.count; k++) {
      if (through(sample.segments.track[k]!)) expected += Math.floor(Math.max(0, sample.segments.hitCount[k]! - 2) / 4);
    }
    expect(expected).toBeGreaterThan(1000);
    expect(g.count).toBe(expected);
    const h = sample.hits;
    for (let i = 0; i < g.count; i += 97) {
      const first = g.firstHit[i]!;
      let q = 0;
      let t = 0;
      for (let j = first; j < first + 4; j++) {
        expect(h.track[j]).toBe(g.track[i]);
        expect(h.tpc[j]).toBe(g.tpc[i]);
        q += h.chargeAdc[j]!;
        t += h.timeUs[j]!;
      }
      expect(g.chargeAdc[i]).toBeCloseTo(q, 6);
      expect(g.timeUs[i]).toBeCloseTo(t / 4, 9);
      expect(g.pitchCm[i]).toBe(h.pitchCm[first]);
    }
  });

  it('keeps a group sum under nearest-neighbour charge sharing up to the exchange at its two edges', () => {
    const q = Float64Array.from({ length: 12 }, (_, i) => 1 + ((i * 7) % 5));
    const shared = Float64Array.from(q);
    shareChargeInPlace(shared, new Float64Array(12).fill(0.2), 0, 12);
    const sum = (a: Float64Array, from: number, to: number): number => a.subarray(from, to).reduce((s, v) => s + v, 0);
    // Group = wires 3..6: loses 0.2 q3 and 0.2 q6, gains 0.2 q2 and 0.2 q7.
    const edge = 0.2 * (q[2]! + q[7]! - q[3]! - q[6]!);
    expect(sum(shared, 3, 7)).toBeCloseTo(sum(q, 3, 7) + edge, 12);
  });

  it('rejects a group size that is not a positive integer', () => {
    expect(() => wireGroups(sample, through, { wiresPerGroup: 0 })).toThrow(/wiresPerGroup 0/);
  });
});
