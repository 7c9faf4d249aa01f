import { ValidationError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { simulateAnodeCrossers, simulateCathodeCrossers } from './crosser-toys.js';
import { T0PayloadSchema, DriftVelocityPayloadSchema } from './records.js';
import { t0FromAnodeCrossers } from './t0-anode-crossers.js';
import { vdFromCathodeCrossers } from './vd-cathode-crossers.js';

const module = duneFdSpModule();
const T0_TRUE = [4, -3, 7.5, 1];
const VD_TRUE = [1.6, 1.58, 1.62, 1.605];

function mean(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
function sd(a: number[]): number {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
}

describe('t0 from anode crossers', () => {
  it('hand-computed: apparent 0.8 cm at 1.6 mm/us is a 5 us offset; an outlier is clipped', () => {
    const tracks = [0.8, 0.81, 0.79, 0.8, 0.8, 9].map((d) => ({ segments: [{ tpc: 1, earliestDriftCm: d }] }));
    const p = t0FromAnodeCrossers({ vdAssumedMmPerUs: 1.6, tracks });
    expect(p.tpcs).toHaveLength(1);
    expect(p.tpcs[0]!.t0OffsetUs).toBeCloseTo(5, 10);
    expect(p.tpcs[0]!.nTracks).toBe(5);
    expect(T0PayloadSchema.safeParse(p).success).toBe(true);
  });

  it('the gap method gives half the apparent gap to both sides of the APA', () => {
    const tracks = [0.7, 0.8, 0.9].map((d) => ({ segments: [{ tpc: 1, earliestDriftCm: d }, { tpc: 2, earliestDriftCm: 1.0 }] }));
    const p = t0FromAnodeCrossers({ vdAssumedMmPerUs: 2, tracks }, { method: 'gap' });
    // (0.8 + 1.0) / 2 cm at 0.2 cm/us = 4.5 us on both TPCs
    expect(p.tpcs.map((t) => t.tpc)).toEqual([1, 2]);
    for (const t of p.tpcs) expect(t.t0OffsetUs).toBeCloseTo(4.5, 10);
  });

  it('recovers per-TPC offsets within errors; pulls over 60 toys are standard normal', () => {
    const pulls: number[][] = [[], [], [], []];
    for (let k = 0; k < 60; k++) {
      const { input, truth } = simulateAnodeCrossers({ module, t0OffsetsUs: T0_TRUE, segmentsPerTpc: 100 }, createRng(`t0-${k}`));
      const p = t0FromAnodeCrossers(input);
      expect(p.tpcs).toHaveLength(4);
      for (const e of p.tpcs) pulls[e.tpc]!.push((e.t0OffsetUs - truth.t0OffsetsUs[e.tpc]!) / e.errorUs);
    }
    const all = pulls.flat();
    // 240 pulls: mean within 3/sqrt(240) = 0.19, width within 20% of 1
    expect(Math.abs(mean(all))).toBeLessThan(0.19);
    expect(sd(all)).toBeGreaterThan(0.8);
    expect(sd(all)).toBeLessThan(1.2);
  });

  it('rejects an empty or malformed sample', () => {
    expect(() => t0FromAnodeCrossers({ vdAssumedMmPerUs: 1.6, tracks: [] })).toThrow(ValidationError);
    expect(() => t0FromAnodeCrossers({ vdAssumedMmPerUs: -1, tracks: [] })).toThrow(/vdAssumedMmPerUs/);
  });
});

describe('<vd> from cathode crossers given t0', () => {
  it('hand-computed: 360 cm in 2250 us is 1.6 mm/us', () => {
    const segments = [2255, 2256, 2254].map((t) => ({ tpc: 0, latestHitTimeUs: t }));
    const t0 = { method: 'segments' as const, tpcs: [{ tpc: 0, t0OffsetUs: 5, errorUs: 0, nTracks: 1, fit: dummyFit() }] };
    const p = vdFromCathodeCrossers({ segments }, { module, t0 });
    expect(p.tpcs[0]!.vdMmPerUs).toBeCloseTo(1.6, 10);
    expect(DriftVelocityPayloadSchema.safeParse(p).success).toBe(true);
  });

  it('recovers per-TPC vd within errors using the measured t0; pulls over 60 toys', () => {
    const pulls: number[] = [];
    for (let k = 0; k < 60; k++) {
      const rng = createRng(`vd-${k}`);
      const cfg = { module, t0OffsetsUs: T0_TRUE, vdMmPerUs: VD_TRUE, segmentsPerTpc: 100 };
      const t0 = t0FromAnodeCrossers(simulateAnodeCrossers(cfg, rng.fork('apa')).input);
      const { input, truth } = simulateCathodeCrossers(cfg, rng.fork('cpa'));
      const p = vdFromCathodeCrossers(input, { module, t0 });
      for (const e of p.tpcs) pulls.push((e.vdMmPerUs - truth.vdMmPerUs[e.tpc]!) / e.errorMmPerUs);
    }
    expect(Math.abs(mean(pulls))).toBeLessThan(0.19);
    expect(sd(pulls)).toBeGreaterThan(0.8);
    expect(sd(pulls)).toBeLessThan(1.2);
  });

  it('ignoring a 7.5 us t0 offset biases vd by -0.3% (t0 matters)', () => {
    const cfg = { module, t0OffsetsUs: T0_TRUE, vdMmPerUs: VD_TRUE, segmentsPerTpc: 200 };
    const { input } = simulateCathodeCrossers(cfg, createRng('bias'));
    const p = vdFromCathodeCrossers(input, { module });
    const e = p.tpcs[2]!;
    // T = 360 cm / 1.62 mm/us = 2222.2 us; +7.5 us -> vd low by 7.5/2229.7 = 0.34%
    expect(e.vdMmPerUs / 1.62 - 1).toBeCloseTo(-7.5 / (3600 / 1.62 + 7.5), 3);
  });

  it('needs a t0 for every TPC in the sample', () => {
    const t0 = { method: 'segments' as const, tpcs: [{ tpc: 0, t0OffsetUs: 0, errorUs: 0, nTracks: 1, fit: dummyFit() }] };
    expect(() => vdFromCathodeCrossers({ segments: [{ tpc: 1, latestHitTimeUs: 2000 }] }, { module, t0 })).toThrow(/no t0 for TPC 1/);
  });
});

function dummyFit() {
  return { parameters: [], values: {}, errors: {}, covariance: [], chi2: 0, ndof: 0, valid: true };
}
