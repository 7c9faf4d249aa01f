import { duneFdSpModule } from '@nucal/geometry';
import { chi2Fit, createRng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { estimatorDriftResponse } from './estimator-drift-response.js';
import { fitLifetimeProfile, fitLifetimes, lifetimeProfile } from './lifetime-fit.js';
import { simulateLifetimeHits } from './lifetime-toy.js';
import { LifetimePayloadSchema } from './records.js';

const TAU = [3, 5, 10, 20];
const IN_FAMILY = { response: { noiseElectrons: 0 }, diffusion: false } as const;
const stats = (a: number[]) => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return { mean: m, sd: Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1)) };
};

describe('fitLifetimeProfile', () => {
  it('fits an exact exponential profile (hand-made, no fluctuations beyond a tiny spread)', () => {
    // 10 bins x 300 hits, dQ/dx = 1000 exp(-t / 4 ms) times a fixed +-1% pattern
    const t: number[] = [];
    const q: number[] = [];
    for (let b = 0; b < 10; b++) {
      for (let i = 0; i < 300; i++) {
        const ti = 225 * b + 112.5;
        t.push(ti);
        q.push(1000 * Math.exp(-ti / 4000) * (1 + 0.01 * ((i % 3) - 1)));
      }
    }
    const r = fitLifetimeProfile(t, q, { tpc: 2, driftTimeRangeUs: [0, 2250] });
    expect(r.entry.lifetimeMs).toBeCloseTo(4, 6);
    // truncated mean of 100 each of 0.99, 1.00, 1.01 dropping 15 low and 60 high:
    // (85 x 0.99 + 100 + 40 x 1.01) / 225 = 0.998, the same in every bin
    expect(r.q0).toBeCloseTo(998, 3);
    expect(r.entry.nHits).toBe(3000);
  });
});

describe('lifetimeProfile binning', () => {
  it('bins [0, max] closed: the largest drift time counts in the last bin; the means are per bin', () => {
    const t = [0, 50, 99, 100, 150, 199.5, 200, 250, 300];
    const q = t.map((_, i) => 1 + 0.1 * (i % 3)); // a spread, so that each bin's truncated mean has an error
    const p = lifetimeProfile(t, q, { bins: 3, minHitsPerBin: 1 });
    expect(Array.from(p.nHits)).toEqual([3, 3, 3]);
    expect(p.driftTimeUs[2]).toBeCloseTo(250, 12);
    // A range that ends below the largest drift time leaves the later ones out (its upper end is kept).
    const r = lifetimeProfile(t, q, { bins: 3, minHitsPerBin: 1, driftTimeRangeUs: [0, 250] });
    expect(Array.from(r.nHits)).toEqual([2, 3, 3]);
  });
});

describe('fitLifetimeProfile: normalisation fitted at the weighted mean drift time', () => {
  it('reports q0 at t = 0 with the values and covariance of a direct fit of q0 exp(-t lambda)', () => {
    const { hits } = simulateLifetimeHits({ lifetimesMs: [6, 6, 6, 6], hitsPerTpc: 20_000, ...IN_FAMILY }, createRng('q0-map'));
    const t: number[] = [];
    const q: number[] = [];
    for (let i = 0; i < hits.tpc.length; i++) {
      if (hits.tpc[i] !== 0) continue;
      t.push(hits.driftTimeUs[i]!);
      q.push(hits.dQdx[i]!);
    }
    const r = fitLifetimeProfile(t, q, { tpc: 0, driftTimeRangeUs: [0, 2250] });
    const p = r.profile;
    // independent reference: the fit at t = 0 converged tightly (edm < 2e-8)
    const direct = chi2Fit({
      x: p.driftTimeUs, y: p.value, sigma: p.error,
      model: (t, q) => q.q0 * Math.exp((-t * q.inverseLifetimePerMs) / 1000),
      parameters: [{ name: 'q0', start: r.q0 * 1.01, step: 1 }, { name: 'inverseLifetimePerMs', start: 0.15, step: 0.01 }],
      options: { tolerance: 1e-5 },
    });
    const fit = r.entry.fit;
    expect(fit.parameters).toEqual(['q0', 'inverseLifetimePerMs']);
    expect(Math.abs(fit.values.q0! - direct.values.q0)).toBeLessThan(0.02 * direct.errors.q0);
    expect(r.q0).toBe(fit.values.q0);
    expect(Math.abs(fit.values.inverseLifetimePerMs! - direct.values.inverseLifetimePerMs)).toBeLessThan(0.02 * direct.errors.inverseLifetimePerMs);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const ref = direct.covariance[i]![j]!;
        expect(Math.abs(fit.covariance[i]![j]! - ref) / Math.sqrt(direct.covariance[i]![i]! * direct.covariance[j]![j]!)).toBeLessThan(0.01);
      }
    }
    // at t = 0 the two are strongly correlated, which is why the fit does not use that normalisation
    expect(direct.correlation[0]![1]!).toBeGreaterThan(0.8);
  });
});

describe('lifetime closure, in family (Landau deposits and recombination, no noise or diffusion)', () => {
  it('truncated mean: lifetimes 3, 5, 10, 20 ms recovered; pulls over 50 toys x 4 TPCs are standard normal', () => {
    const pulls: number[] = [];
    for (let k = 0; k < 50; k++) {
      const { hits } = simulateLifetimeHits({ lifetimesMs: TAU, hitsPerTpc: 10_000, ...IN_FAMILY }, createRng(`tm-${k}`));
      const { payload } = fitLifetimes(hits, { scaleErrorByChi2: false });
      expect(LifetimePayloadSchema.safeParse(payload).success).toBe(true);
      for (const e of payload.entries) pulls.push((e.lifetimeMs - TAU[e.tpc]!) / e.errorMs);
    }
    const s = stats(pulls);
    // brief: mean within 0.3 (3/sqrt(200) = 0.21 would also hold), width 0.8-1.2
    expect(Math.abs(s.mean)).toBeLessThan(0.3);
    expect(s.sd).toBeGreaterThan(0.8);
    expect(s.sd).toBeLessThan(1.2);
  });

  it('Landau-Gaussian MPV: pulls over 50 toys x 2 TPCs (3 and 10 ms, 6 bins, fewer hits for speed)', () => {
    const module = duneFdSpModule({ widthM: 7.3, driftVolumes: 2 });
    const pulls: number[] = [];
    for (let k = 0; k < 50; k++) {
      const { hits } = simulateLifetimeHits({ module, lifetimesMs: [3, 10], hitsPerTpc: 9_000, ...IN_FAMILY }, createRng(`mpv-${k}`));
      const { payload } = fitLifetimes(hits, { estimator: 'langau-mpv', bins: 6, scaleErrorByChi2: false });
      for (const e of payload.entries) pulls.push((e.lifetimeMs - [3, 10][e.tpc]!) / e.errorMs);
    }
    const s = stats(pulls);
    expect(Math.abs(s.mean)).toBeLessThan(0.3);
    expect(s.sd).toBeGreaterThan(0.8);
    expect(s.sd).toBeLessThan(1.2);
  });

  it('is deterministic for a seed', () => {
    const a = fitLifetimes(simulateLifetimeHits({ lifetimesMs: TAU, hitsPerTpc: 4000 }, createRng('same')).hits).payload;
    const b = fitLifetimes(simulateLifetimeHits({ lifetimesMs: TAU, hitsPerTpc: 4000 }, createRng('same')).hits).payload;
    expect(a).toEqual(b);
  });
});

describe('lifetime closure, out of family (physical toy)', () => {
  it('noise (600 e) and recombination change the truncated-mean scale little: bias < 1.5% at 3-10 ms', () => {
    const rel: number[][] = [[], [], [], []];
    for (let k = 0; k < 8; k++) {
      const { hits } = simulateLifetimeHits({ lifetimesMs: TAU, hitsPerTpc: 40_000, diffusion: false }, createRng(`noise-${k}`));
      for (const e of fitLifetimes(hits).payload.entries) rel[e.tpc]!.push(e.lifetimeMs / TAU[e.tpc]! - 1);
    }
    for (const t of [0, 1, 2]) expect(Math.abs(stats(rel[t]!).mean)).toBeLessThan(0.015);
    expect(Math.abs(stats(rel[3]!).mean)).toBeLessThan(0.04);
  });

  it('diffusion biases the lifetime up (neighbouring wires share charge); a simulated drift correction removes it', () => {
    const resp = estimatorDriftResponse({ hitsPerTpc: 200_000 }, createRng('response'));
    // the truncated mean rises by 2-3.5% over the 2.25 ms drift with D_T = 13 cm2/s
    expect(resp.at(2250) - 1).toBeGreaterThan(0.02);
    expect(resp.at(2250) - 1).toBeLessThan(0.035);
    const raw: number[] = [];
    const pulls: number[] = [];
    for (let k = 0; k < 6; k++) {
      const { hits } = simulateLifetimeHits({ lifetimesMs: TAU, hitsPerTpc: 40_000 }, createRng(`diff-${k}`));
      for (const e of fitLifetimes(hits).payload.entries) if (e.tpc === 1) raw.push(e.lifetimeMs / 5 - 1);
      for (const e of fitLifetimes(hits, { driftCorrection: resp.at }).payload.entries) pulls.push((e.lifetimeMs - TAU[e.tpc]!) / e.errorMs);
    }
    expect(stats(raw).mean).toBeGreaterThan(0.04); // 5 ms reads about 6% long
    const s = stats(pulls);
    expect(Math.abs(s.mean)).toBeLessThan(0.6); // 24 pulls: 3/sqrt(24)
    expect(s.sd).toBeLessThan(1.4);
  });
});

describe('height slices', () => {
  it('recovers a lifetime that changes with height: 4 ms below y = 0, 8 ms above', () => {
    const { hits } = simulateLifetimeHits(
      { lifetimesMs: (_tpc, y) => (y < 0 ? 4 : 8), hitsPerTpc: 40_000, ...IN_FAMILY },
      createRng('slices'),
    );
    const { payload } = fitLifetimes(hits, { heightSliceEdgesCm: [-600, 0, 600], scaleErrorByChi2: false });
    expect(payload.entries).toHaveLength(12); // 4 TPCs x (whole + 2 slices)
    for (const e of payload.entries) {
      if (e.yMinCm === undefined) continue;
      const truth = e.yMinCm < 0 ? 4 : 8;
      expect(Math.abs(e.lifetimeMs - truth)).toBeLessThan(3.5 * e.errorMs);
    }
    const whole = payload.entries.find((e) => e.tpc === 0 && e.yMinCm === undefined)!;
    expect(whole.lifetimeMs).toBeGreaterThan(4.5);
    expect(whole.lifetimeMs).toBeLessThan(7.5);
  });

  it('needs heights for height slices', () => {
    expect(() => fitLifetimes({ tpc: [0], driftTimeUs: [1], dQdx: [1] }, { heightSliceEdgesCm: [0, 1] })).toThrow(/yCm/);
  });
});
