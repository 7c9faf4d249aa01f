import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCalibration } from './calibration-host.js';
import { defineCalibrationPlugin, type CalibrationResult, type PayloadOut } from './calibration-plugin.js';
import { InMemoryConditions } from './in-memory-conditions.js';
import { measurement } from './measurement.js';
import type { RandomSource } from './random-source.js';
import { defineRecord } from './record.js';
import { runTime } from './time.js';

const gainRecord = defineRecord({ name: 'test.gain', version: 1, description: 'ADC per PE', schema: z.object({ adcPerPe: z.number().positive() }) });
const scaleRecord = defineRecord({ name: 'test.scale', version: 1, description: 'PE per MeV', schema: z.object({ pePerMeV: z.number().positive() }) });

/** A stream that is its seed's length, forever: enough for a plugin that never draws. */
const rng = (seed = 's'): RandomSource => ({ seed, uniform: () => 0.5, fork: (l) => rng(`${seed}/${l}`) });

const result = (payloads: PayloadOut[], value: number): CalibrationResult => ({
  payloads, fits: {}, plots: [], summary: { value: measurement(value, 0.1, '1') },
  provenance: { plugin: { id: 'test.x', version: '0' }, input: { description: 'test' }, createdAt: '2026-01-01T00:00:00Z' },
});

const gainPlugin = defineCalibrationPlugin({
  id: 'test.gain', version: '0', records: [gainRecord], requires: [], input: z.object({ adc: z.array(z.number()) }),
  simulate: () => ({ input: { adc: [100] }, truth: 100 }),
  calibrate: async (s) => result([{ record: gainRecord, payload: { adcPerPe: s.adc.reduce((a, b) => a + b, 0) / s.adc.length } }], 0),
});

/** Needs the gain: the scale is the mean charge (ADC) over the gain, per MeV deposited. */
const scalePlugin = defineCalibrationPlugin({
  id: 'test.scale', version: '0', records: [scaleRecord], requires: [gainRecord], input: z.object({ adcPerMeV: z.number() }),
  simulate: () => ({ input: { adcPerMeV: 1000 }, truth: 10 }),
  calibrate: async (s, ctx) => {
    const gain = ctx.required?.get('test.gain')?.payload as { adcPerPe: number };
    return result([{ record: scaleRecord, payload: { pePerMeV: s.adcPerMeV / gain.adcPerPe } }], s.adcPerMeV / gain.adcPerPe);
  },
});

describe('runCalibration', () => {
  it('chains calibrations through conditions: the second uses the first one valid at its time', async () => {
    const conditions = new InMemoryConditions();
    await runCalibration(gainPlugin, { adc: [100, 102] }, { at: runTime(1), rng: rng(), writer: conditions, tagPrefix: 'mc' });
    await runCalibration(gainPlugin, { adc: [50] }, { at: runTime(10), rng: rng(), writer: conditions, tagPrefix: 'mc' });
    const early = await runCalibration(scalePlugin, { adcPerMeV: 1010 }, { at: runTime(5), rng: rng(), conditions, writer: conditions, tagPrefix: 'mc' });
    expect(early.result.summary.value!.value).toBeCloseTo(10, 12);
    expect(early.used.map((u) => [u.record.name, u.since])).toEqual([['test.gain', runTime(1)]]);
    expect(early.written).toEqual([{ record: 'test.scale', tag: 'mc.test.scale', hash: expect.stringMatching(/^[0-9a-f]{64}$/), inserted: true }]);
    expect(early.result.provenance.metadata?.conditions).toEqual([{ record: 'test.gain@1', tag: 'mc.test.gain', hash: early.used[0]!.hash, since: '1' }]);
    const late = await runCalibration(scalePlugin, { adcPerMeV: 1010 }, { at: runTime(12), rng: rng(), conditions });
    expect(late.result.summary.value!.value).toBeCloseTo(20.2, 12);
    expect(late.written).toEqual([]);
    // The same payload again at the same since writes nothing new.
    const again = await runCalibration(scalePlugin, { adcPerMeV: 1010 }, { at: runTime(5), rng: rng(), conditions, writer: conditions, tagPrefix: 'mc' });
    expect(again.written[0]!.inserted).toBe(false);
  });

  it('refuses bad input, missing conditions and payloads of records the plugin does not declare', async () => {
    await expect(runCalibration(gainPlugin, { adc: 'x' }, { at: runTime(1), rng: rng() })).rejects.toThrow(/input of calibration test.gain is invalid: adc/);
    await expect(runCalibration(scalePlugin, { adcPerMeV: 1 }, { at: runTime(1), rng: rng() })).rejects.toThrow(/requires test.gain: give it a conditions provider/);
    await expect(runCalibration(scalePlugin, { adcPerMeV: 1 }, { at: runTime(1), rng: rng(), conditions: new InMemoryConditions() })).rejects.toThrow(/requires test.gain at 1: no IOV of test.gain covers 1/);
    const liar = defineCalibrationPlugin({ ...gainPlugin, id: 'test.liar', calibrate: async () => result([{ record: scaleRecord, payload: { pePerMeV: 1 } }], 1) });
    await expect(runCalibration(liar, { adc: [1] }, { at: runTime(1), rng: rng() })).rejects.toThrow(/returned payload #0 of record test.scale@1, which it does not declare/);
    const bad = defineCalibrationPlugin({ ...gainPlugin, id: 'test.bad', calibrate: async () => result([{ record: gainRecord, payload: { adcPerPe: -1 } }], 1) });
    const conditions = new InMemoryConditions();
    await expect(runCalibration(bad, { adc: [1] }, { at: runTime(1), rng: rng(), writer: conditions })).rejects.toThrow(/does not match its schema/);
    await expect(conditions.resolve(gainRecord, runTime(1))).rejects.toThrow(/no IOV/);
  });
});
