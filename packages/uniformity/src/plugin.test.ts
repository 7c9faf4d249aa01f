import { describe, expect, it } from 'vitest';
import { InMemoryConditions, recordKey, runCalibration, runTime } from '@nucal/core';
import { createRng, mean, stdDev } from '@nucal/numeric';
import { uniformityPlugin } from './plugin.js';
import { uniformityRecord } from './records.js';
import { analyticMap } from './test-fixtures.js';
import { uniformityCorrection } from './uniformity-correction.js';
import { PACKAGE_VERSION } from './version.js';

const plugin = uniformityPlugin({}, () => analyticMap());

describe('juno.uniformity plugin', () => {
  it('declares its id, version, record and input schema', () => {
    expect(plugin.id).toBe('juno.uniformity');
    expect(plugin.version).toBe(PACKAGE_VERSION);
    expect(plugin.records.map(recordKey)).toEqual(['juno.uniformity@1']);
    expect(plugin.input.safeParse({ lsRadiusCm: 1770, darkNoise: { offsetPe: 185, errorPe: 0.1 }, points: [] }).success).toBe(false);
  });

  it('closure through the calibration host: g at the points and Y0 within their errors; the stored payload evaluates back', async () => {
    const { input, truth } = plugin.simulate({ eventsPerPoint: 3000 }, createRng('sim'));
    // the truth never travels with the sample
    expect(JSON.stringify(input)).not.toMatch(/truth|gAtPoints|centrePeMeV/);
    const conditions = new InMemoryConditions();
    const run = await runCalibration(plugin, input, { at: runTime(3), rng: createRng('cal'), writer: conditions });
    expect(run.written).toHaveLength(1);
    const stored = await conditions.resolve(uniformityRecord, runTime(5));
    const payload = stored.payload;
    expect(payload.points).toHaveLength(250);
    const s = run.result.summary;
    expect(s.pointsUsed!.value).toBe(250);
    expect(Math.abs(s.y0PePerMeV!.value - truth.centrePeMeV)).toBeLessThan(4 * s.y0PePerMeV!.error);
    // pulls of g at the points inside the LS (sources outside it measure the edge from outside)
    const pulls = payload.points
      .map((p, i) => ({ p, t: truth.gAtPoints[i]! }))
      .filter(({ p }) => p.rCm < 1500)
      .map(({ p, t }) => (p.g - t) / p.gError);
    expect(pulls.length).toBeGreaterThan(100);
    expect(Math.abs(mean(pulls))).toBeLessThan(0.5);
    expect(stdDev(pulls)).toBeLessThan(1.5);
    // the evaluator of the stored payload gives the same g as the spline at the points
    const corr = uniformityCorrection(payload);
    for (const p of payload.points.slice(0, 40)) {
      const r = 1770 * Math.cbrt(p.v);
      const x = r * Math.sqrt(1 - p.u * p.u);
      expect(corr.g(x, 0, r * p.u)).toBeCloseTo(corr.surface(p.u, p.v), 3);
    }
    expect(corr.energyMeV(2.2232 * payload.y0PePerMeV + payload.darkOffsetPe, 0, 0, 0)).toBeCloseTo(2.2232, 3);
    expect(run.result.plots.map((p) => p.name)).toEqual(['uniformity-g-map']);
  });

  it('refuses a payload that does not match the record', () => {
    expect(() => uniformityCorrection({ lsRadiusCm: 1770 })).toThrow(/juno.uniformity payload is invalid/);
  });
});
