import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { ChannelState } from './channel-status.js';
import { HIT_COLLECTION_FIELDS, HitCollectionSchema } from './hit-collection.js';
import { simulateCosmics } from './simulate-cosmics.js';

describe('the hit collection: what the detector records, without truth', () => {
  const { hits, truth } = simulateCosmics({ days: 0.02, inject: { tpcs: { '1': { t0OffsetUs: 4 } } } }, createRng('hit-collection'));

  it('has exactly the pinned fields (a truth field added by mistake fails here)', () => {
    expect(Object.keys(HitCollectionSchema.shape).sort()).toEqual([...HIT_COLLECTION_FIELDS.top].sort());
    expect(Object.keys(HitCollectionSchema.shape.events.shape).sort()).toEqual([...HIT_COLLECTION_FIELDS.events].sort());
    expect(Object.keys(HitCollectionSchema.shape.hits.shape).sort()).toEqual([...HIT_COLLECTION_FIELDS.hits].sort());
    expect(Object.keys(hits).sort()).toEqual([...HIT_COLLECTION_FIELDS.top].sort());
    expect(() => HitCollectionSchema.parse(hits)).not.toThrow();
    // Strict: an extra field is refused.
    expect(HitCollectionSchema.safeParse({ ...hits, truth }).success).toBe(false);
  });

  it('groups hits by event, in both views, with wires in range, above threshold', () => {
    const { events, hits: h, views } = hits;
    expect(views.map((v) => v.name)).toEqual(['X', 'U']);
    expect(events.count).toBeGreaterThan(50);
    let n = 0;
    for (let e = 0; e < events.count; e++) {
      expect(events.firstHit[e]).toBe(n);
      n += events.hitCount[e]!;
    }
    expect(n).toBe(h.count);
    const perView = [0, 0];
    for (let i = 0; i < h.count; i++) {
      perView[h.view[i]!]!++;
      expect(h.wire[i]!).toBeGreaterThanOrEqual(0);
      expect(h.wire[i]!).toBeLessThan(views[h.view[i]!]!.wires);
    }
    expect(perView[0]!).toBeGreaterThan(10_000);
    expect(perView[1]!).toBeGreaterThan(10_000);
    // Gain is uniform here: charge / gain >= threshold (2500 electrons) for every hit.
    const gain = truth.tpcs[0]!.gainAdcPerElectron;
    let below = 0;
    for (let i = 0; i < h.count; i++) if (h.chargeAdc[i]! / gain < 2500 * (1 - 1e-6)) below++;
    expect(below).toBe(0);
  });

  it('dead channels give no hits; noisy channels give random hits', () => {
    // Re-draw the channel map of the same seed to know which channels are dead (closure code may).
    const sim = simulateCosmics({ days: 0.02, deadChannelFraction: 0.2, noisyChannelFraction: 0, noisyHitsPerEvent: 0 }, createRng('dead'));
    const clean = simulateCosmics({ days: 0.02, deadChannelFraction: 0, noisyChannelFraction: 0, noisyHitsPerEvent: 0 }, createRng('dead'));
    // Same muons, 20% of the channels dead: about 80% of the hits remain.
    const ratio = sim.hits.hits.count / clean.hits.hits.count;
    expect(ratio).toBeGreaterThan(0.77);
    expect(ratio).toBeLessThan(0.83);
    const noisy = simulateCosmics({ days: 0.02, noisyChannelFraction: 0.01, noisyHitsPerEvent: 1, deadChannelFraction: 0 }, createRng('dead'));
    const extra = noisy.hits.hits.count - clean.hits.hits.count;
    // ~ 0.01 x (12109 + 11588) x 4 channels, one hit each per event
    const expected = 0.01 * (12109 + 11588) * 4 * clean.hits.events.count;
    expect(Math.abs(extra / expected - 1)).toBeLessThan(0.1);
    expect(ChannelState.DEAD).toBe(1);
  });
});
