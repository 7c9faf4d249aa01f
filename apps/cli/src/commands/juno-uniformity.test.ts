import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTime, silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { openConditionsDb } from '@nucal/conditions-db';
import { SCENARIO_NAMES, uniformityCorrection, uniformityPlugin, uniformityRecord } from '@nucal/uniformity';
import { describe, expect, it } from 'vitest';
import { nucal, tempDir } from '../cli.test-support.js';
import { CalibrateOutputSchema } from '../output/calibrate-output.js';
import { JunoUniformityOutputSchema } from '../output/juno-uniformity-output.js';
import { scenarioList } from './juno-uniformity.js';

// Small statistics (2,000 positrons per energy, 2,000 events per point): this file tests the
// plumbing; the ladder's physics at full statistics is in @nucal/uniformity's tests and README.
const SMALL = ['--events-per-energy', '2000', '--events-per-point', '2000'];

describe('nucal juno uniformity', () => {
  it('finite-points: a, b, c, a_eff with errors and units, plots, and the scenario\'s own map written as a juno.uniformity run IOV', async () => {
    const dir = tempDir('nucal-uniformity-');
    const db = join(dir, 'c.sqlite');
    expect((await nucal('db', 'init', '--db', db)).code).toBe(0);
    const r = await nucal('juno', 'uniformity', '--scenario', 'finite-points', '--seed', '3', ...SMALL, '--db', db, '--tag-prefix', 'mc', '--since', '100', '--global-tag', 'juno-mc', '--plots', join(dir, 'plots'), '--json');
    expect(r.code, r.err).toBe(0);
    const out = JunoUniformityOutputSchema.parse(JSON.parse(r.out));
    expect(out).toHaveLength(1);
    const row = out[0]!;
    expect(row.scenario).toBe('finite-points');
    expect([row.a.unit, row.b.unit, row.c.unit, row.aEff.unit]).toEqual(['% sqrt(MeV)', '%', '% MeV', '%']);
    expect(row.fit.valid).toBe(true);
    expect(row.energies).toHaveLength(17);
    // a_eff is the combination of the fitted terms
    expect(row.aEff.value).toBeCloseTo(Math.hypot(row.a.value, 1.6 * row.b.value, row.c.value / 1.6), 9);
    // the 250-point map at full statistics gives 2.858%; 2,000 events per point add map noise (b)
    expect(row.aEff.error).toBeGreaterThan(0.005);
    expect(row.aEff.error).toBeLessThan(0.05);
    expect(Math.abs(row.aEff.value - 2.86)).toBeLessThan(0.15);
    // photon statistics: a close to 1/sqrt(Y0) of the truth map (the volume average sees more light)
    expect(Math.abs(row.a.value - 100 / Math.sqrt(row.calibration.trueCentrePeMeV))).toBeLessThan(0.05 + 4 * row.a.error);
    expect(Math.abs(row.biasPct)).toBeLessThan(1);
    expect(row.calibration).toMatchObject({ kind: 'finite-points', points: 250 });

    // written through the calibration host: the map the scenario measured its resolution with
    const w = row.written!;
    expect(w.since).toEqual({ kind: 'run', run: '100', subrun: '0', text: '100' });
    expect(w.payloads.map((p) => [p.record, p.tag, p.inserted])).toEqual([['juno.uniformity', 'mc.juno.uniformity', true]]);
    expect(w.summary.pointsUsed).toEqual({ value: 250, error: 0, unit: '1' });
    expect(w.summary.y0PePerMeV!.value / row.calibration.y0PePerMeV - 1).toBeCloseTo(0, 12);
    const conditions = await openConditionsDb({ url: db, readOnly: true });
    try {
      const stored = await conditions.resolve({ tag: 'mc.juno.uniformity', record: uniformityRecord, at: runTime(150) });
      expect(stored.hash).toBe(w.payloads[0]!.hash);
      const corr = uniformityCorrection(stored.payload);
      // 1 at the centre (the table's bilinear lookup: within 0.1%)
      expect(Math.abs(corr.g(0, 0, 0) - 1)).toBeLessThan(1e-3);
      // the map rises towards 15 m (solid angle) and falls under the chimney
      expect(corr.g(1500, 0, 0)).toBeGreaterThan(1.03);
      expect(corr.g(0, 0, 1750)).toBeLessThan(corr.g(1500, 0, 0));
      expect((await conditions.getGlobalTag('juno-mc')).entries.map((e) => [e.record, e.tag])).toEqual([['juno.uniformity', 'mc.juno.uniformity']]);
    } finally {
      await conditions.close();
    }
    expect(readdirSync(join(dir, 'plots')).sort()).toEqual([
      'juno-uniformity-g-map-finite-points.svg', 'juno-uniformity-pe-per-mev-vs-r-finite-points.svg', 'juno-uniformity-resolution-finite-points.svg',
    ]);
    expect(row.plots).toHaveLength(3);
  });

  it('a comma list of scenarios: the human table, central at the photon-statistics floor with no constant term', async () => {
    const json = await nucal('juno', 'uniformity', '--scenario', 'central,ideal', '--seed', '3', ...SMALL, '--calibration-events', '100000', '--json');
    expect(json.code, json.err).toBe(0);
    const [central, ideal] = JunoUniformityOutputSchema.parse(JSON.parse(json.out));
    expect(central!.scenario).toBe('central');
    expect(ideal!.scenario).toBe('ideal');
    expect(ideal!.calibration.voxels).toBe(20_000);
    // central events: a = 1/sqrt(Y0), b = 0 within the fit's errors
    expect(Math.abs(central!.a.value - 100 / Math.sqrt(central!.calibration.trueCentrePeMeV))).toBeLessThan(4 * central!.a.error);
    expect(central!.b.value).toBeLessThan(4 * central!.b.error + 0.05);
    expect(central!.biasPct).toBe(0);

    const human = await nucal('juno', 'uniformity', '--scenario', 'central', '--seed', '3', ...SMALL);
    expect(human.code, human.err).toBe(0);
    const lines = human.out.split('\n');
    expect(lines[0]).toMatch(/^scenario\s+a \(% sqrt\(MeV\)\)\s+b \(%\)\s+c \(% MeV\)\s+a_eff \(%\)\s+bias \(%\)\s+fit\s+s$/);
    expect(lines[1]).toMatch(/^central\s+\d\.\d+ ± 0\.\d+\s+\S+ ± \S+\s+\S+ ± \S+\s+2\.\d+ ± 0\.\d+\s+0\.000\s+\d+\.\d\/14\s+\d+\.\d$/);
    expect(human.err).toMatch(/^central: a_eff 2\.\d+ ± 0\.\d+ %/);
  });

  it('refuses an unknown scenario, --db with a scenario without a storable map and --point-study without finite-points, in one line', async () => {
    const bad = await nucal('juno', 'uniformity', '--scenario', 'nope');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toBe(`error: scenario "nope" is unknown: expected all or one of ${SCENARIO_NAMES.join(', ')}`);
    const noMap = await nucal('juno', 'uniformity', '--scenario', 'ideal', '--db', join(tempDir('nucal-uniformity-'), 'x.sqlite'));
    expect(noMap.code).toBe(1);
    expect(noMap.err).toMatch(/^error: --db writes the map of one finite-points scenario, got --scenario ideal: expected one of finite-points, vertex-smearing, .*spe-30pct$/m);
    const study = await nucal('juno', 'uniformity', '--scenario', 'central', '--point-study');
    expect(study.err).toMatch(/^error: --point-study evaluates the finite-points scenario/);
    const missing = await nucal('juno', 'uniformity');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/required option '--scenario <name\|all>' not specified/);
  });

  it('--scenario all is the whole ladder in order; the calibration alone is nucal calibrate juno.uniformity, the plugin\'s constants for the same seed', async () => {
    expect(scenarioList('all')).toEqual([...SCENARIO_NAMES]);
    expect(scenarioList('central, finite-points,central')).toEqual(['central', 'finite-points']);
    const plugin = uniformityPlugin();
    const rng = createRng('seed-9');
    const sim = plugin.simulate({ eventsPerPoint: 1000, clsPoints: 50 }, rng.fork('simulate'));
    const direct = await plugin.calibrate(sim.input, { rng: rng.fork('calibrate'), logger: silentLogger, progress: silentProgress });
    const r = await nucal('calibrate', 'juno.uniformity', '--seed', 'seed-9', '--events', '1000', '--cls-points', '50', '--json');
    expect(r.code, r.err).toBe(0);
    const run = CalibrateOutputSchema.parse(JSON.parse(r.out)).runs[0]!;
    expect(run.summary).toEqual(direct.summary);
    expect(run.summary.pointsUsed!.value).toBe(100);
    expect(run.written).toEqual([]);
  });
});
