import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRng, median } from '@nucal/numeric';
import { t0FromCosmics } from '../calibrate-drift.js';
import type { HitCollection } from '../hit-collection.js';
import { cosmicsPlugin } from '../cosmics-plugin.js';
import { simulateCosmics } from '../simulate-cosmics.js';
import { TrackClass } from '../track-classes.js';
import { classClosure } from './class-closure.js';
import { fitLine2D } from './line-fit-2d.js';
import { reconstructCosmics } from './reconstruct-cosmics.js';

describe('robust 2D line fit', () => {
  it('ignores outliers and a detached piece, and orders the inliers along the line', () => {
    const n = 60;
    const x = new Float64Array(n + 6);
    const y = new Float64Array(n + 6);
    for (let i = 0; i < n; i++) {
      x[i] = 0.48 * i;
      y[i] = 3 + 0.7 * x[i]! + 0.05 * Math.sin(i);
    }
    // Four hits far off the line, two on its extension 40 cm beyond the end.
    [[5, 40], [9, -20], [20, 60], [25, 0]].forEach(([a, b], k) => ((x[n + k] = a!), (y[n + k] = b!)));
    x[n + 4] = 0.48 * (n + 80);
    y[n + 4] = 3 + 0.7 * x[n + 4]!;
    x[n + 5] = x[n + 4]! + 0.48;
    y[n + 5] = 3 + 0.7 * x[n + 5]!;
    const l = fitLine2D(x, y, Int32Array.from({ length: n + 6 }, (_, i) => i), createRng('line'))!;
    expect(l.inliers.length).toBe(n);
    expect([...l.inliers].every((i) => i < n)).toBe(true);
    expect(l.uy / l.ux).toBeCloseTo(0.7, 2);
    for (let k = 1; k < l.s.length; k++) expect(l.s[k]!).toBeGreaterThan(l.s[k - 1]!);
  });
});

describe('pattern recognition from hits: classes against the truth (closure code)', () => {
  // One detector-day with diffusion, noise, dead (1%) and noisy (0.5%) channels on. Measured on
  // this seed (README): efficiencies 0.76-0.82 for the crossing and through-going classes, where
  // ~20% of all muons run within 5.5 degrees of the vertical collection wires (track pitch above
  // 5 cm: no collection hits, never reconstructed); purities >= 0.97.
  const sim = simulateCosmics({ days: 1 }, createRng('reco-closure'));
  const reco = reconstructCosmics(sim.hits);
  const c = classClosure(reco, sim.truth.sample);

  it('finds every class with the measured efficiency and purity', () => {
    for (const name of ['apa', 'apaInner', 'cpa', 'fullTpc', 'throughgoing'] as const) {
      expect(c[name].efficiency, `${name} efficiency`).toBeGreaterThan(0.7);
      expect(c[name].purity, `${name} purity`).toBeGreaterThan(0.95);
    }
    expect(c.stopping.trueCount).toBeGreaterThan(30);
    expect(c.stopping.efficiency, 'stopping efficiency').toBeGreaterThan(0.6);
    expect(c.stopping.purity, 'stopping purity').toBeGreaterThan(0.8);
    expect(c.michel.efficiency, 'michel efficiency').toBeGreaterThan(0.5);
    expect(c.michel.purity, 'michel purity').toBeGreaterThan(0.8);
    // Tracks with collection hits are (nearly) all found: the loss is geometric.
    let visible = 0;
    const t = sim.truth.sample;
    for (let s = 0; s < t.segments.count; s++) if (t.segments.hitCount[s]! >= 20) visible++;
    expect(reco.reconstruction.segments / visible).toBeGreaterThan(0.9);
  });

  it('measures the stopping muons length (hence the residual range) from the reconstructed end points', () => {
    // Stopping muons that enter through the top face: the true length runs from the entry to
    // the stopping point, as the reconstructed one (upper end to stop).
    const t = sim.truth.sample;
    const d: number[] = [];
    for (let r = 0; r < reco.tracks.count; r++) {
      const e = reco.reconstruction.trackEvent[r]!;
      if (!(reco.tracks.flags[r]! & TrackClass.STOPPING) || !(t.tracks.flags[e]! & TrackClass.STOPPING)) continue;
      d.push(reco.tracks.lengthCm[r]! - t.tracks.lengthCm[e]!);
    }
    expect(d.length).toBeGreaterThan(20);
    const m = median(d);
    expect(Math.abs(m), `median length difference ${m} cm`).toBeLessThan(3);
  });

  it('takes only a hit collection: the calibration cannot be given the truth (structural)', () => {
    expectTypeOf(cosmicsPlugin().calibrate).parameter(0).toEqualTypeOf<HitCollection>();
    expectTypeOf(reconstructCosmics).parameter(0).toEqualTypeOf<HitCollection>();
    // @ts-expect-error: the truth tables have no reconstruction block; the calibration steps refuse them.
    expect(() => t0FromCosmics(sim.truth.sample)).toBeTypeOf('function');
  });
});
