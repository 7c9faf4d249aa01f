import { describe, expect, it } from 'vitest';
import { silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { electronCurve, electronCurveOf } from './electron-curve.js';
import { fNonlin } from './model.js';
import { electronNonlinearityPlot } from './plots.js';
import { nonlinearityPlugin } from './plugin.js';
import { nonlinearityRecord, type NonlinearityV1 } from './records.js';
import { FIXTURE_TRUTH } from './test-fixtures.js';

describe('electron curve', () => {
  it('is f at the band energies with the band edges relative to f', () => {
    const band = { energyMeV: [1, 2, 8], lowRel: [-0.01, -0.004, -0.002], highRel: [0.012, 0.004, 0.003], mocks: 0, effects: [] };
    const c = electronCurve(FIXTURE_TRUTH, band, { validityMinMeV: 0.5, validityMaxMeV: 8 });
    const f2 = fNonlin(2, FIXTURE_TRUTH);
    expect(c.fitted[1]).toBe(f2);
    expect(c.low[1]).toBeCloseTo(f2 * 0.996, 14);
    expect(c.high[0]).toBeCloseTo(fNonlin(1, FIXTURE_TRUTH) * 1.012, 14);
    expect(c.lowPercent).toEqual([-1, -0.4, -0.2]);
    expect(c.highPercent[0]).toBeCloseTo(1.2, 14);
    expect([c.validityMinMeV, c.validityMaxMeV]).toEqual([0.5, 8]);
  });

  it('of a stored payload draws the plot the calibration drew, number for number', async () => {
    const plugin = nonlinearityPlugin({ systematics: { mocks: 0 } });
    const sim = plugin.simulate({ eventsPerSource: 3000, eventsBySource: { 'K-40': 1500 }, b12: { days: 2 } }, createRng('electron-curve'));
    const r = await plugin.calibrate(sim.input, { rng: createRng('electron-curve'), logger: silentLogger, progress: silentProgress });
    // what the database hands back: the payload through canonical JSON text
    const stored = nonlinearityRecord.schema.parse(JSON.parse(JSON.stringify(r.payloads.find((p) => p.record.name === 'juno.nonlinearity')!.payload))) as NonlinearityV1;
    const fromPayload = electronNonlinearityPlot(electronCurveOf(stored));
    expect(fromPayload).toEqual(r.plots.find((p) => p.name === 'electron-nonlinearity'));
  });
});
