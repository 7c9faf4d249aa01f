import { InMemoryConditions, IovCache, timestampTime, type Time } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { duneFdSpModule } from '@nucal/geometry';
import { hitsPlugin } from './hits-plugin.js';
import { spaceChargeRecord, type SpaceChargePayload } from './space-charge-map.js';
import { larDensityGPerCm3 } from './lar-density.js';
import { MODIFIED_BOX_ARGONEUT, W_ION_MEV, dEdxFromdQdx, dQdxFromdEdx } from './recombination.js';
import {
  driftVelocityRecord,
  duneEnergyScaleRecord,
  lifetimeRecord,
  t0Record,
  type DriftVelocityPayload,
  type EnergyScalePayload,
  type LifetimePayload,
  type T0Payload,
} from './records.js';

const fit = { parameters: [], values: {}, errors: {}, covariance: [], chi2: 0, ndof: 0, valid: true };
const DAY = 86_400_000_000_000n;
const t = (ns: bigint): Time => timestampTime(ns);

const t0: T0Payload = { method: 'segments', tpcs: [0, 1, 2, 3].map((tpc) => ({ tpc, t0OffsetUs: 10, errorUs: 0.1, nTracks: 100, fit })) };
const vd: DriftVelocityPayload = {
  tpcs: [0, 1, 2, 3].map((tpc) => ({ tpc, vdMmPerUs: 1.6, errorMmPerUs: 0.001, nTracks: 100, driftLengthCm: 360 })),
};
const lifetimeDay1: LifetimePayload = {
  estimator: 'truncated-mean',
  entries: [
    ...[0, 1, 2, 3].map((tpc) => ({ tpc, lifetimeMs: 5, errorMs: 0.1, nHits: 1000, fit })),
    { tpc: 1, yMinCm: 0, yMaxCm: 600, lifetimeMs: 8, errorMs: 0.2, nHits: 500, fit },
  ],
};
const lifetimeDay2: LifetimePayload = { estimator: 'truncated-mean', entries: [0, 1, 2, 3].map((tpc) => ({ tpc, lifetimeMs: 10, errorMs: 0.1, nHits: 1000, fit })) };
const density = larDensityGPerCm3(87);
const scale: EnergyScalePayload = {
  electronsPerAdc: 200,
  errorElectronsPerAdc: 1,
  recombination: { ...MODIFIED_BOX_ARGONEUT },
  fieldKvPerCm: 0.5,
  densityGPerCm3: density,
  wMeV: W_ION_MEV,
  method: 'test',
};

/** The four records from time 0, the lifetime changing at DAY (core's in-memory conditions). */
function provider(overrides: { scale?: EnergyScalePayload; lifetime?: LifetimePayload[] } = {}): InMemoryConditions {
  const c = new InMemoryConditions();
  c.put(t0Record, t(0n), t0);
  c.put(driftVelocityRecord, t(0n), vd);
  const lifetimes = overrides.lifetime ?? [lifetimeDay1, lifetimeDay2];
  lifetimes.forEach((l, i) => c.put(lifetimeRecord, t(BigInt(i) * DAY), l));
  c.put(duneEnergyScaleRecord, t(0n), overrides.scale ?? scale);
  return c;
}

describe('dune.hits reconstruction plugin', () => {
  const plugin = hitsPlugin();

  it('declares the four DUNE records', () => {
    expect(plugin.id).toBe('dune.hits');
    expect(plugin.requires.map((r) => r.name)).toEqual(['dune.t0', 'dune.drift-velocity', 'dune.lifetime', 'dune.energy-scale']);
  });

  it('computes x, drift time and dQ/dx by hand for a TPC 1 hit (anode at x = -5 cm)', async () => {
    const out = await plugin.process({ time: t(1000n), hits: [{ tpc: 1, channel: 7, tick: 2000, chargeAdc: 100, pitchCm: 0.5 }] }, provider());
    const h = out.hits[0]!;
    // t = 2000 x 0.5 us - 10 us = 990 us; 1.6 mm/us -> 158.4 cm from the anode towards -x
    expect(h.driftTimeUs).toBeCloseTo(990, 10);
    expect(h.xCm).toBeCloseTo(-5 - 158.4, 9);
    // 100 ADC x 200 e/ADC x exp(0.99 / 5) / 0.5 cm
    expect(h.dQdxElectronsPerCm).toBeCloseTo((20_000 * Math.exp(0.198)) / 0.5, 6);
    expect(h.dEdxMeVPerCm).toBeCloseTo(dEdxFromdQdx(MODIFIED_BOX_ARGONEUT, h.dQdxElectronsPerCm, { fieldKvPerCm: 0.5, densityGPerCm3: density }), 10);
  });

  it('recovers the dE/dx a hit was made from (round trip through attenuation, gain and recombination)', async () => {
    const medium = { fieldKvPerCm: 0.5, densityGPerCm3: density };
    const driftUs = 1500;
    const adc = (dQdxFromdEdx(MODIFIED_BOX_ARGONEUT, 2.1, medium) * 0.6 * Math.exp(-driftUs / 5000)) / 200;
    const tick = (driftUs + 10) / 0.5;
    const out = await plugin.process({ time: t(5n), hits: [{ tpc: 3, channel: 1, tick, chargeAdc: adc, pitchCm: 0.6 }] }, provider());
    expect(out.hits[0]!.dEdxMeVPerCm).toBeCloseTo(2.1, 9);
  });

  it('uses a lifetime height slice when the hit height falls in one', async () => {
    const hits = [
      { tpc: 1, channel: 1, tick: 2020, chargeAdc: 100, pitchCm: 0.5, yCm: 300 },
      { tpc: 1, channel: 1, tick: 2020, chargeAdc: 100, pitchCm: 0.5, yCm: -300 },
    ];
    const out = await plugin.process({ time: t(5n), hits }, provider());
    // t = 1000 us: exp(1/8) above y = 0, exp(1/5) below
    expect(out.hits[0]!.dQdxElectronsPerCm / out.hits[1]!.dQdxElectronsPerCm).toBeCloseTo(Math.exp(1 / 8 - 1 / 5), 12);
  });

  it('resolves through an IovCache only when an event leaves the current interval', async () => {
    const inner = provider();
    const cache = new IovCache(inner);
    const hit = { tpc: 0, channel: 1, tick: 2020, chargeAdc: 100, pitchCm: 0.5 };
    const q: number[] = [];
    for (const ns of [1n, 2n, DAY - 1n, DAY, DAY + 5n, 2n * DAY]) {
      q.push((await plugin.process({ time: t(ns), hits: [hit] }, cache)).hits[0]!.dQdxElectronsPerCm);
    }
    // four records on the first event, then only dune.lifetime once at DAY; the optional
    // dune.space-charge has no IOV here: one failed lookup, remembered (NoIovError, until null)
    expect(inner.lookups).toBe(5 + 1);
    expect(cache.hits).toBe(6 * 5 - 6);
    // lifetime 5 ms on day 1, 10 ms from DAY on (t = 1000 us)
    expect(q[2]! / q[3]!).toBeCloseTo(Math.exp(1 / 5 - 1 / 10), 12);
  });

  it('corrects y and z with a dune.space-charge map when one is valid, passes them through without one', async () => {
    const bins = (d: number) => [{ displacementCm: d, errorCm: 0.05, nEnds: 100, meanDriftFraction: 0.5 }];
    const map: SpaceChargePayload = {
      method: 'face-offsets',
      driftFractionEdges: [0, 1],
      faces: [
        { face: 'top', bins: bins(-2) },
        { face: 'bottom', bins: bins(1) },
        { face: 'upstream', bins: bins(0.5) },
        { face: 'downstream', bins: bins(-0.5) },
      ],
      fit,
    };
    const hit = { tpc: 0, channel: 1, tick: 2020, chargeAdc: 100, pitchCm: 0.5, yCm: 600, zCm: 0 };
    const m = duneFdSpModule();
    const withMap = provider();
    withMap.put(spaceChargeRecord, t(0n), map);
    const out = (await plugin.process({ time: t(5n), hits: [hit] }, withMap)).hits[0]!;
    // y at the top face: displacement -2 cm -> corrected 602; z at the upstream face: +0.5 -> -0.5
    expect(m.active.yMax).toBe(600);
    expect(out.yCm).toBeCloseTo(602, 9);
    expect(out.zCm).toBeCloseTo(-0.5, 9);
    const none = (await plugin.process({ time: t(5n), hits: [hit] }, provider())).hits[0]!;
    expect(none.yCm).toBe(600);
    expect(none.zCm).toBe(0);
    await expect(hitsPlugin({ spaceCharge: 'required' }).process({ time: t(5n), hits: [hit] }, provider())).rejects.toThrow(/dune.space-charge/);
    const off = (await hitsPlugin({ spaceCharge: 'off' }).process({ time: t(5n), hits: [hit] }, withMap)).hits[0]!;
    expect(off.yCm).toBe(600);
  });

  it('reports null dE/dx beyond Birks saturation and rejects unknown TPCs', async () => {
    const birks = provider({ lifetime: [lifetimeDay2], scale: { ...scale, recombination: { model: 'birks', a: 0.8, k: 0.0486 } } });
    const out = await plugin.process({ time: t(1n), hits: [{ tpc: 0, channel: 1, tick: 20, chargeAdc: 1e6, pitchCm: 0.5 }] }, birks);
    expect(out.hits[0]!.dEdxMeVPerCm).toBeNull();
    await expect(plugin.process({ time: t(1n), hits: [{ tpc: 9, channel: 1, tick: 20, chargeAdc: 1 }] }, provider())).rejects.toThrow(
      /TPC 9/,
    );
  });
});
