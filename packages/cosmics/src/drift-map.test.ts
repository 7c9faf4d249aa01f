import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';
import { simulateCosmics } from './simulate-cosmics.js';
import { driftMapFromFullCrossers } from './drift-map.js';
import { SURFACE_PROTODUNE } from './space-charge.js';

/** Injected drift-direction displacement at drift fraction u (closure code). */
const injected = (driftCm: number, u: number): number => -driftCm * 4 * u * (1 - u);

function driftMap(driftCm: number) {
  const sim = simulateCosmics({ ...SURFACE_PROTODUNE, spaceCharge: { transverseCm: 0, driftCm }, days: 0.015 }, createRng('drift-map'));
  // A distorted track is bent: the 2D line tolerance must exceed the bow (0.2 cm default splits such tracks).
  return driftMapFromFullCrossers(reconstructCosmics(sim.hits, { lineToleranceCm: 1 }));
}

describe('driftMapFromFullCrossers (diagnostic)', () => {
  it('is consistent with zero without distortion', { timeout: 60_000 }, () => {
    const m = driftMap(0);
    expect(m.nTracks).toBeGreaterThan(100);
    for (const b of m.bins) {
      expect(b.nTracks).toBeGreaterThan(50);
      expect(Math.abs(b.displacementCm / b.errorCm)).toBeLessThan(3);
    }
    for (const r of m.localVdRatio) expect(Math.abs(r.ratio - 1)).toBeLessThan(5 * r.error + 1e-4);
  });

  it('recovers a 2 cm drift-direction compression to 15% in every bin', { timeout: 60_000 }, () => {
    const m = driftMap(2);
    expect(m.nTracks).toBeGreaterThan(100);
    const got = m.bins.map((b) => [b.displacementCm, injected(2, b.meanFraction), b.errorCm] as const);
    for (const [d, inj, err] of got) expect(Math.abs(d - inj)).toBeLessThan(0.15 * Math.abs(inj) + 3 * err);
    // Charge from near the anode looks closer to it than it is: the local vd there is above the
    // average, near the cathode below it (injected: 1 / (1 - 8 (1 - 2u) / 360) at u = 0.1, 0.9).
    expect(m.localVdRatio[0]!.ratio).toBeGreaterThan(1.01);
    expect(m.localVdRatio.at(-1)!.ratio).toBeLessThan(0.99);
  });
});
