import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { silentLogger, silentProgress } from '@nucal/core';
import { energyScaleRecord, lifetimeRecord, t0Record, driftVelocityRecord } from '@nucal/tpc-drift';
import { t0FromCosmics, vdFromCosmics } from './calibrate-drift.js';
import { lifetimeFromCosmics } from './calibrate-lifetime.js';
import { energyScaleFromStoppingMuons } from './calibrate-energy-scale.js';
import { cosmicsPlugin } from './cosmics-plugin.js';
import { lifetimeAtHeightMs, type InjectInput } from './inject.js';
import { simulateCosmics } from './simulate-cosmics.js';

// Injected truth: per-TPC t0 offsets, a non-nominal vd (direct and from a temperature), lifetimes
// including a height-dependent one, and a gain change.
const INJECT: InjectInput = {
  all: { lifetimeMs: 8 },
  tpcs: {
    '0': { t0OffsetUs: 3, gainScale: 1.05 },
    '1': { t0OffsetUs: -2, vdMmPerUs: 1.55 },
    '2': { lifetimeMs: 5, lifetimeSlopePerM: 0.05 },
    '3': { temperatureK: 89, t0OffsetUs: 0.7 },
  },
};

function stats(pulls: number[]): { mean: number; width: number } {
  const mean = pulls.reduce((a, b) => a + b, 0) / pulls.length;
  const width = Math.sqrt(pulls.reduce((a, b) => a + (b - mean) ** 2, 0) / (pulls.length - 1));
  return { mean, width };
}

describe('closure: simulate with injected truth, calibrate, compare (pulls over seeded toys)', () => {
  // 20 toys of 0.1 detector-day each (in-family: diffusion off, noise on). t0, vd: 4 TPCs x 20 toys = 80 pulls;
  // lifetime: 4 TPCs x 3 height slices x 20 = 240 pulls. Requirement: mean within 0.4, width 0.7-1.3.
  it('t0, vd and lifetime (per TPC and height slice) pulls are standard normal', () => {
    const p0: number[] = [];
    const pv: number[] = [];
    const pl: number[] = [];
    for (let toy = 0; toy < 20; toy++) {
      const { sample, truth } = simulateCosmics({ days: 0.1, inject: INJECT, diffusion: false }, createRng(`closure-${toy}`));
      const t0 = t0FromCosmics(sample);
      const vd = vdFromCosmics(sample, t0);
      const lt = lifetimeFromCosmics(sample, t0, vd, { minHitsPerBin: 100 });
      for (const e of t0.tpcs) p0.push((e.t0OffsetUs - truth.tpcs[e.tpc]!.t0OffsetUs) / e.errorUs);
      for (const e of vd.tpcs) pv.push((e.vdMmPerUs - truth.tpcs[e.tpc]!.vdMmPerUs) / e.errorMmPerUs);
      for (const e of lt.payload.entries) {
        if (e.yMinCm === undefined) continue;
        const tau = lifetimeAtHeightMs(truth.tpcs[e.tpc]!, (e.yMinCm + e.yMaxCm!) / 2);
        pl.push((e.lifetimeMs - tau) / e.errorMs);
      }
    }
    for (const [name, pulls] of [['t0', p0], ['vd', pv], ['lifetime', pl]] as const) {
      const s = stats(pulls);
      expect(pulls.length, name).toBeGreaterThanOrEqual(80);
      expect(Math.abs(s.mean), `${name} pull mean ${s.mean}`).toBeLessThan(0.4);
      expect(s.width, `${name} pull width ${s.width}`).toBeGreaterThan(0.7);
      expect(s.width, `${name} pull width ${s.width}`).toBeLessThan(1.3);
    }
  });

  it('the energy-scale constant per TPC from stopping muons is recovered within 3.5 errors for each of the 4 TPCs (2 days, diffusion off)', () => {
    const { sample, truth } = simulateCosmics({ days: 2, inject: INJECT, diffusion: false }, createRng('energy-scale'));
    const t0 = t0FromCosmics(sample);
    const vd = vdFromCosmics(sample, t0);
    const lt = lifetimeFromCosmics(sample, t0, vd);
    const es = energyScaleFromStoppingMuons(sample, t0, lt.payload, createRng('template'), { binning: 'tpc' });
    for (const e of es.payload.tpcs!) {
      const trueC = 1 / truth.tpcs[e.tpc]!.gainAdcPerElectron;
      expect(Math.abs(e.electronsPerAdc - trueC) / e.errorElectronsPerAdc, `TPC ${e.tpc}`).toBeLessThan(3.5);
      expect(e.errorElectronsPerAdc / e.electronsPerAdc).toBeLessThan(0.02);
    }
  });

  it('with diffusion on (out of family) the lifetime stays within 10% of the truth and t0 within 3 errors', () => {
    const { sample, truth } = simulateCosmics({ days: 0.3, inject: INJECT }, createRng('diffusion'));
    const t0 = t0FromCosmics(sample);
    const lt = lifetimeFromCosmics(sample, t0, vdFromCosmics(sample, t0), { heightSlices: 0 });
    for (const e of t0.tpcs) expect(Math.abs(e.t0OffsetUs - truth.tpcs[e.tpc]!.t0OffsetUs) / e.errorUs).toBeLessThan(3);
    for (const e of lt.payload.entries) expect(Math.abs(e.lifetimeMs / truth.tpcs[e.tpc]!.lifetimeMs - 1)).toBeLessThan(0.1);
  });
});

describe('dune.cosmics plugin', () => {
  it('simulates and calibrates one sample into valid payloads of the four records, reproducibly', async () => {
    const plugin = cosmicsPlugin({ energyScale: { binning: 'tpc' } });
    const ctx = { rng: createRng('plugin'), logger: silentLogger, progress: silentProgress };
    const { input } = plugin.simulate({ days: 0.25, inject: INJECT }, createRng(5));
    const result = await plugin.calibrate(input, ctx);
    expect(result.payloads.map((p) => p.record.name)).toEqual(['dune.t0', 'dune.drift-velocity', 'dune.lifetime', 'dune.energy-scale']);
    for (const p of result.payloads) expect(() => p.record.schema.parse(p.payload)).not.toThrow();
    expect(result.plots.map((p) => p.name)).toContain('lifetime-dqdx-vs-drift-time');
    expect(result.provenance.input.hash).toMatch(/^[0-9a-f]{64}$/);
    expect([t0Record, driftVelocityRecord, lifetimeRecord, energyScaleRecord].length).toBe(plugin.records.length);
    const again = plugin.simulate({ days: 0.25, inject: INJECT }, createRng(5)).input;
    expect(again.hits.count).toBe(input.hits.count);
    expect(again.hits.chargeAdc[1234]).toBe(input.hits.chargeAdc[1234]);
  });
});
