import { describe, expect, it } from 'vitest';
import { contentHash, recordKey, runCalibration, runTime, silentLogger, silentProgress, ValidationError } from '@nucal/core';
import { createRng, VEGA_LITE_SCHEMA } from '@nucal/numeric';
import { nonlinearityClosure } from './closure.js';
import { electronGrid } from './electron-grid.js';
import { predictGammaVisibleMeV } from './gamma-prediction.js';
import { electronVisibleInto } from './model.js';
import { nonlinearityPlugin } from './plugin.js';
import { sampleFromCsv } from './sample-csv.js';
import { SecondariesOptions } from './secondaries.js';
import { DEFAULT_SOURCES } from './simulate.js';
import { sourceKernel } from './source-kernel.js';
import { SUMMARY_UNITS } from './steps/summary.js';
import { DEFAULT_SYSTEMATICS } from './systematics.js';
import { PACKAGE_VERSION } from './version.js';

const ctx = (seed: string) => ({ rng: createRng(seed), logger: silentLogger, progress: silentProgress });
const small = { eventsPerSource: 5000, eventsBySource: { 'K-40': 2000 }, b12: { days: 3 } };

describe('nonlinearityPlugin', () => {
  const plugin = nonlinearityPlugin({ systematics: { mocks: 4 } });

  it('declares id, version, records and an input schema', () => {
    expect(plugin.id).toBe('juno.nonlinearity');
    expect(plugin.version).toBe(PACKAGE_VERSION);
    expect(plugin.records.map(recordKey)).toEqual(['juno.nonlinearity@1', 'juno.energy-scale@1']);
    expect(plugin.requires).toEqual([]);
    expect(plugin.input.safeParse({ sources: [] }).success).toBe(false);
    expect(plugin.input.safeParse({ sources: [{ source: 'nH', peakVisible: { meanMeV: 2.2, meanErrMeV: 1e-3 }, peakPe: { meanPe: 1, meanErrPe: 1 } }] }).success).toBe(false);
    expect(() => nonlinearityPlugin({ systematics: { mocks: -1 } })).toThrow(ValidationError);
  });

  it('calibrates a simulated sample into valid payloads, plots and provenance, reproducibly', async () => {
    const sim = plugin.simulate(small, createRng('plugin'));
    const a = await plugin.calibrate(sim.input, ctx('plugin'));
    const b = await plugin.calibrate(sim.input, ctx('plugin'));
    expect(a.payloads.map((p) => contentHash(p.payload))).toEqual(b.payloads.map((p) => contentHash(p.payload)));
    for (const p of a.payloads) expect(p.record.schema.safeParse(p.payload).success).toBe(true);
    expect(a.plots.map((p) => p.name)).toEqual(['gamma-nonlinearity', 'b12-spectrum', 'electron-nonlinearity', 'nonlinearity-band-breakdown', 'positron-bias']);
    for (const p of a.plots) expect(p.spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(a.provenance.input.hash).toBe(contentHash(plugin.input.parse(sim.input)));
    expect(a.provenance.seed).toBe('plugin');
    expect(a.provenance.plugin).toEqual({ id: 'juno.nonlinearity', version: PACKAGE_VERSION });
    expect(Object.keys(a.fits)).toContain('nonlinearity');
    // every summary key, in its unit (README: summary keys)
    expect(Object.keys(a.summary)).toEqual(Object.keys(SUMMARY_UNITS));
    for (const [key, m] of Object.entries(a.summary)) expect(m.unit).toBe(SUMMARY_UNITS[key as keyof typeof SUMMARY_UNITS]);
    expect(a.summary.ndof!.value).toBe(a.fits.nonlinearity!.ndof);
    expect(a.summary.pValue!.value).toBeGreaterThan(0);
    // closure outside the calibration: 5,000 events per source still land within 0.5% (the
    // default-statistics closure is the 0.3% test)
    const nl = a.payloads[0]!.payload as { parameters: { p0: number; p1: number; p2: number; p3: number } };
    const closure = nonlinearityClosure(sim.truth, { params: nl.parameters, annihilationVisibleMeV: a.summary.annihilationVisibleEnergy!.value });
    expect(closure.maxDeviation).toBeLessThan(0.005);
    const band = (a.payloads[0]!.payload as { band: { mocks: number; effects: { name: string }[] } }).band;
    expect(band.mocks).toBe(4);
    expect(band.effects.map((e) => e.name)).toEqual([...DEFAULT_SYSTEMATICS.map((e) => e.name), 'all-correlated', 'fit-covariance']);
  });

  it('refuses a sample that carries Monte Carlo truth: the calibration input holds only what the detector records', async () => {
    const sim = plugin.simulate(small, createRng('plugin'));
    expect(Object.keys(sim.input)).not.toContain('truth');
    expect(sim.truth.fNonlin.length).toBeGreaterThan(100);
    const withTruth = { ...sim.input, truth: { electronEnergyMeV: sim.truth.electronEnergyMeV, fNonlin: sim.truth.fNonlin, annihilationVisibleMeV: sim.truth.annihilationVisibleMeV } };
    const parsed = plugin.input.safeParse(withTruth);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/truth/);
    // a truth field hidden in a part of the sample is refused too
    const inSource = { ...sim.input, sources: sim.input.sources.map((s, i) => (i === 0 ? { ...s, truth: { meanPe: 1 } } : s)) };
    expect(plugin.input.safeParse(inSource).success).toBe(false);
    await expect(plugin.calibrate(withTruth as never, ctx('plugin'))).rejects.toThrow(ValidationError);
    await expect(runCalibration(plugin, withTruth, { at: runTime(1), rng: createRng('plugin') })).rejects.toThrow(/truth/);
  });

  it('takes precomputed peaks from a CSV (no B-12) and recovers an in-family curve', async () => {
    const grid = electronGrid();
    const secondaries = SecondariesOptions.parse({});
    const truth = { p0: 1.03, p1: 0.08, p2: 1.4, p3: -0.003 };
    const g = electronVisibleInto(grid.centresMeV, truth, new Float64Array(grid.centresMeV.length));
    const rows = DEFAULT_SOURCES.map((id) => {
      const e = predictGammaVisibleMeV(sourceKernel(id, grid, secondaries), g);
      return `${id},${e.toFixed(7)},${(2e-4 * e).toFixed(7)}`;
    });
    const sample = sampleFromCsv(`# exact model predictions\nsource,meanMeV,meanErrMeV\n${rows.join('\n')}`);
    const res = await nonlinearityPlugin({ systematics: { mocks: 0 } }).calibrate(sample, ctx('csv'));
    const nl = res.payloads[0]!.payload as { parameters: typeof truth };
    for (const e of [1, 3, 6]) {
      const f = (p: typeof truth) => (p.p0 + p.p3 / e) / (1 + p.p1 * Math.exp(-p.p2 * e));
      expect(Math.abs(f(nl.parameters) / f(truth) - 1)).toBeLessThan(2e-4);
    }
    expect(res.plots.map((p) => p.name)).toEqual(['gamma-nonlinearity', 'electron-nonlinearity', 'nonlinearity-band-breakdown', 'positron-bias']);
    // no Y0, no B-12, no truth: those keys are absent or zero
    expect(Object.keys(res.summary)).not.toContain('y0');
    expect(res.summary.b12EventsInWindow!.value).toBe(0);
    // the calibration host runs it too (input validated, payloads checked against the declared records)
    const run = await runCalibration(nonlinearityPlugin({ systematics: { mocks: 0 } }), sample, { at: runTime(7), rng: createRng('csv') });
    expect(run.result.payloads.map((p) => contentHash(p.payload))).toEqual(res.payloads.map((p) => contentHash(p.payload)));
    expect(run.written).toEqual([]);
    expect(() => sampleFromCsv('source,mean\nCs-137,1')).toThrow(/header/);
  });
});
