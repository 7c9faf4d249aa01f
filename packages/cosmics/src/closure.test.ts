import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { silentLogger, silentProgress } from '@nucal/core';
import { duneEnergyScaleRecord, lifetimeRecord, t0Record, driftVelocityRecord } from '@nucal/tpc-drift';
import { t0FromCosmics, vdFromCosmics } from './calibrate-drift.js';
import { lifetimeFromCosmics } from './calibrate-lifetime.js';
import { energyScaleFromStoppingMuons } from './calibrate-energy-scale.js';
import { cosmicsPlugin } from './cosmics-plugin.js';
import { lifetimeAtHeightMs, type InjectInput } from './inject.js';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';
import { simulateCosmics } from './simulate-cosmics.js';
import { PROTODUNE_MODULE } from './space-charge.js';

// Injected truth: per-TPC t0 offsets, a non-nominal vd (direct and from a temperature), lifetimes
// including a height-dependent one (TPC 2), and a gain change (TPC 0).
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

/**
 * Pulls of constants from reconstructed tracks: mean within 3/sqrt(N) plus `bias` (a measured
 * bias in units of the error, README "Pull study"), width within `widthTolerance` of 1.
 */
function expectStandardNormal(name: string, pulls: number[], minCount: number, widthTolerance: number, bias = 0): void {
  const s = stats(pulls);
  if (process.env['NUCAL_PULLS']) console.log(`${name}: ${pulls.length} pulls, mean ${s.mean.toFixed(3)}, width ${s.width.toFixed(3)}`);
  expect(pulls.length, name).toBeGreaterThanOrEqual(minCount);
  expect(Math.abs(s.mean), `${name} pull mean ${s.mean} (${pulls.length} pulls)`).toBeLessThan(3 / Math.sqrt(pulls.length) + bias);
  expect(Math.abs(s.width - 1), `${name} pull width ${s.width} (${pulls.length} pulls)`).toBeLessThan(widthTolerance);
}

describe('closure with the default simulation (diffusion, noise, dead and noisy channels on): simulate hits with injected truth, reconstruct, calibrate, compare', () => {
  // 6 toys of 0.3 detector-day (smaller than the 1-day demo to keep the suite short; the method
  // does not change with the sample size), reconstructed from hits. The pull study (README, 12
  // toys) measured widths 1.10 (t0), 1.14 (vd), 1.23 (lifetime per TPC, with the bootstrap over
  // tracks), 1.20 (per slice), 1.33 (energy scale per TPC) and a vd pull mean of +0.59: the
  // tolerances here are those measurements' ranges (widths within 0.5 of 1, the vd mean within
  // 3/sqrt(N) + 0.6), so that a wrong constant (a few errors off) still fails.
  it('t0, vd, lifetime (per TPC and per height slice) pulls are standard normal', () => {
    const p0: number[] = [];
    const pv: number[] = [];
    const plTpc: number[] = [];
    const plSlice: number[] = [];
    for (let toy = 0; toy < 6; toy++) {
      const { hits, truth } = simulateCosmics({ days: 0.3, inject: INJECT }, createRng(`closure-${toy}`));
      const sample = reconstructCosmics(hits);
      const t0 = t0FromCosmics(sample);
      const vd = vdFromCosmics(sample, t0);
      const lt = lifetimeFromCosmics(sample, t0, vd);
      for (const e of t0.tpcs) p0.push((e.t0OffsetUs - truth.tpcs[e.tpc]!.t0OffsetUs) / e.errorUs);
      for (const e of vd.tpcs) pv.push((e.vdMmPerUs - truth.tpcs[e.tpc]!.vdMmPerUs) / e.errorMmPerUs);
      for (const e of lt.payload.entries) {
        const t = truth.tpcs[e.tpc]!;
        if (e.yMinCm === undefined) {
          // A lifetime that changes with height has no single whole-TPC value to compare with.
          if (t.lifetimeSlopePerM === 0) plTpc.push((e.lifetimeMs - t.lifetimeMs) / e.errorMs);
        } else {
          plSlice.push((e.lifetimeMs - lifetimeAtHeightMs(t, (e.yMinCm + e.yMaxCm!) / 2)) / e.errorMs);
        }
      }
    }
    expectStandardNormal('t0', p0, 24, 0.5);
    expectStandardNormal('vd', pv, 24, 0.5, 0.6);
    expectStandardNormal('lifetime per TPC', plTpc, 18, 0.5);
    expectStandardNormal('lifetime per height slice', plSlice, 72, 0.4);
  });

  // A 0.3-day far-detector toy has 7-9 stopping muons, under the 10 per TPC a per-TPC energy
  // scale needs (calibrate-energy-scale.ts, minTracks): the per-TPC constants are tested on the
  // surface module with muons below 2 GeV (about 250 stopping muons per TPC in half a day).
  // bench: 40 toys at 3 ms, pull mean +0.17 +- 0.10, width 0.91 +- 0.07; 20 toys at 10 ms
  // +0.38 +- 0.15, 0.96 +- 0.11.
  it('per-TPC energy-scale pulls are standard normal on a sample enriched in stopping muons (8 toys, 16 pulls)', () => {
    const pe: number[] = [];
    for (let toy = 0; toy < 8; toy++) {
      const inject: InjectInput = { all: { lifetimeMs: 6 }, tpcs: { '0': { gainScale: 1.05 }, '1': { gainScale: 0.97 } } };
      const { hits, truth } = simulateCosmics({ module: PROTODUNE_MODULE, flux: { depthKmwe: 1, simulateBelowEnergyGeV: 2 }, days: 0.5, inject }, createRng(`closure-es-${toy}`));
      const sample = reconstructCosmics(hits);
      const t0 = t0FromCosmics(sample);
      const lt = lifetimeFromCosmics(sample, t0, vdFromCosmics(sample, t0));
      const es = energyScaleFromStoppingMuons(sample, t0, lt.payload, createRng(`closure-es-template-${toy}`), { binning: 'tpc' });
      expect(es.payload.tpcs?.length, `toy ${toy}`).toBe(2);
      for (const e of es.payload.tpcs!) pe.push((e.electronsPerAdc - 1 / truth.tpcs[e.tpc]!.gainAdcPerElectron) / e.errorElectronsPerAdc);
    }
    expectStandardNormal('energy scale per TPC', pe, 16, 0.45, 0.4);
  });

  it('the Landau-Gaussian MPV estimator gives lifetime pulls per height slice of the measured width (3 toys, 36 pulls)', () => {
    const pulls: number[] = [];
    for (let toy = 0; toy < 3; toy++) {
      const { hits, truth } = simulateCosmics({ days: 0.3, inject: INJECT }, createRng(`closure-langau-${toy}`));
      const sample = reconstructCosmics(hits);
      const t0 = t0FromCosmics(sample);
      const lt = lifetimeFromCosmics(sample, t0, vdFromCosmics(sample, t0), { estimator: 'langau-mpv' });
      expect(lt.payload.estimator).toBe('langau-mpv');
      for (const e of lt.payload.entries) {
        if (e.yMinCm !== undefined) pulls.push((e.lifetimeMs - lifetimeAtHeightMs(truth.tpcs[e.tpc]!, (e.yMinCm + e.yMaxCm!) / 2)) / e.errorMs);
      }
    }
    expectStandardNormal('langau lifetime per height slice', pulls, 36, 0.5);
  });

  // The same seed with diffusion off and on gives the same deposits; diffusion only moves charge
  // between wires. Uncorrected, the lifetime then shifts by about +2.4% (~2.7 sigma of one TPC-day,
  // checked below so the test can fail); after the correction the pair differs only by the random
  // charge exchange at group edges, about 0.2 sigma per TPC.
  it('removes the diffusion bias: one detector-day with diffusion on and off (same deposits) gives the same lifetimes and energy scale', () => {
    const inject: InjectInput = { tpcs: { '2': { lifetimeMs: 6, t0OffsetUs: 3 } } };
    const run = (diffusion: boolean) => {
      const { hits, truth } = simulateCosmics({ days: 1, inject, diffusion }, createRng('diffusion-pair'));
      const sample = reconstructCosmics(hits);
      const t0 = t0FromCosmics(sample);
      const vd = vdFromCosmics(sample, t0);
      const lt = lifetimeFromCosmics(sample, t0, vd, { heightSlices: 0, diffusionCorrection: diffusion });
      const raw = lifetimeFromCosmics(sample, t0, vd, { heightSlices: 0, diffusionCorrection: false });
      const es = energyScaleFromStoppingMuons(sample, t0, lt.payload, createRng('diffusion-pair-template'), { diffusionCorrection: diffusion });
      return { truth, lt: lt.payload.entries, raw: raw.payload.entries, es: es.payload };
    };
    const off = run(false);
    const on = run(true);
    const corrected = on.lt.map((b, k) => (b.lifetimeMs - off.lt[k]!.lifetimeMs) / b.errorMs);
    const uncorrected = on.raw.map((b, k) => (b.lifetimeMs - off.lt[k]!.lifetimeMs) / b.errorMs);
    for (const [k, d] of corrected.entries()) expect(Math.abs(d), `TPC ${k}: corrected minus diffusion-off ${d} sigma`).toBeLessThan(0.6);
    expect(Math.abs(stats(corrected).mean), `mean corrected shift ${stats(corrected).mean} sigma`).toBeLessThan(0.3);
    expect(stats(uncorrected).mean, `mean uncorrected shift ${stats(uncorrected).mean} sigma`).toBeGreaterThan(1);
    expect(Math.abs(on.es.electronsPerAdc - off.es.electronsPerAdc) / on.es.errorElectronsPerAdc).toBeLessThan(0.5);
    // And against the truth (uniform gain): within 3 errors.
    expect(Math.abs(on.es.electronsPerAdc - 1 / on.truth.tpcs[0]!.gainAdcPerElectron) / on.es.errorElectronsPerAdc).toBeLessThan(3);
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
    expect(result.plots.map((p) => p.name)).toEqual(['lifetime-dqdx-vs-drift-time', 'stopping-muon-dedx-vs-residual-range', 'cosmic-class-rates', 'michel-spectrum']);
    expect(result.provenance.input.hash).toMatch(/^[0-9a-f]{64}$/);
    expect([t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord].length).toBe(plugin.records.length);
    // The summary carries numbers with errors and units, not formatted text.
    expect(result.summary['vd.tpc0']).toEqual({ value: expect.any(Number), error: expect.any(Number), unit: 'mm/us' });
    expect(result.summary['vd.tpc0']!.error).toBeGreaterThan(0);
    const again = plugin.simulate({ days: 0.25, inject: INJECT }, createRng(5)).input;
    expect(again.hits.count).toBe(input.hits.count);
    expect(again.hits.chargeAdc[1234]).toBe(input.hits.chargeAdc[1234]);
    // The calibration reads only the hit collection: the reconstruction summary is in the result.
    expect(result.summary['reco.tracks']!.value).toBeGreaterThan(0.6 * input.events.count);
  });
});
