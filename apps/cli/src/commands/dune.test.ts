import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nucal, tempDir } from '../cli.test-support.js';
import { readHitFile } from '@nucal/cosmics';
import { CalibrateOutputSchema } from '../output/calibrate-output.js';
import { DuneDedxCheckOutputSchema, DuneSimulateOutputSchema } from '../output/dune-output.js';

describe('nucal dune', () => {
  it('plans statistics: events = (s/p)^2, days = events / rate per bin', async () => {
    const r = await nucal('dune', 'stats', '--sample', 'stopping', '--precision', '0.01', '--resolution', '0.2', '--rate', '50', '--efficiency', '0.5', '--binning', 'tpc', '--json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.eventsPerBin).toBe(400); // (0.2 / 0.01)^2
    expect(plan.bins).toBe(4);
    // 50/day x 0.5 efficiency over 4 TPCs = 6.25 per TPC per day -> 64 days
    expect(plan.daysNeeded).toBeCloseTo(64, 6);
    const bad = await nucal('dune', 'stats', '--sample', 'stopping', '--precision', '2');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error: .*precision/);
  });

  it('calibrates one simulated day and writes the four records as timestamp IOVs that resolve by time', async () => {
    const dir = tempDir('nucal-dune-');
    const db = join(dir, 'c.sqlite');
    const inject = JSON.stringify({ tpcs: { '1': { t0OffsetUs: 2.5 } } });
    expect((await nucal('db', 'init', '--db', db)).code).toBe(0);
    const r = await nucal('dune', 'cosmics', '--days', '1', '--seed', '3', '--inject', inject, '--db', db, '--tag-prefix', 'mc', '--global-tag', 'dune-mc', '--plots', join(dir, 'plots'), '--json');
    expect(r.code, r.err).toBe(0);
    const report = CalibrateOutputSchema.parse(JSON.parse(r.out));
    expect(report.runs[0]!.since).toEqual({ kind: 'timestamp', ns: '1767225600000000000', text: '2026-01-01T00:00:00.000000000Z' });
    expect(report.runs[0]!.written.map((w) => w.tag).sort()).toEqual(['mc.dune.drift-velocity', 'mc.dune.energy-scale', 'mc.dune.lifetime', 'mc.dune.t0']);
    expect(report.runs[0]!.summary['t0.tpc1']!.unit).toBe('us');
    expect(readdirSync(join(dir, 'plots')).length).toBe(4);
    const t0 = JSON.parse((await nucal('db', 'resolve', '--gt', 'dune-mc', '--record', 'dune.t0', '--at', '2026-01-01T12:00:00Z', '--db', db, '--json')).out);
    const tpc1 = t0.payload.tpcs.find((t: { tpc: number }) => t.tpc === 1);
    // The injected 2.5 us offset comes back within 5 of its errors (a few ns each).
    expect(Math.abs(tpc1.t0OffsetUs - 2.5)).toBeLessThan(5 * tpc1.errorUs);
    const before = await nucal('db', 'resolve', '--gt', 'dune-mc', '--record', 'dune.t0', '--at', '2025-12-31T23:59:59Z', '--db', db);
    expect(before.code).toBe(1);
  });

  it('calibrates a surface-like protoDUNE-sized module with space charge and writes dune.space-charge', async () => {
    const dir = tempDir('nucal-dune-sce-');
    const db = join(dir, 'c.sqlite');
    expect((await nucal('db', 'init', '--db', db)).code).toBe(0);
    const module = ['--sim.module.widthM', '7.2', '--sim.module.heightM', '6', '--sim.module.lengthM', '6.96', '--sim.module.driftVolumes', '2', '--sim.module.apaRows', '1', '--sim.module.apaColumns', '3'];
    const r = await nucal('calibrate', 'dune.cosmics', '--seed', '5', ...module, '--sim.flux.depthKmwe', '2.5', '--sim.spaceCharge.transverseCm', '2', '--spaceCharge', 'true', '--skipMichel', 'true', '--db', db, '--tag-prefix', 'mc', '--global-tag', 'sce', '--json');
    expect(r.code, r.err).toBe(0);
    const report = CalibrateOutputSchema.parse(JSON.parse(r.out));
    expect(report.runs[0]!.written.map((w) => w.tag)).toContain('mc.dune.space-charge');
    const resolved = await nucal('db', 'resolve', '--gt', 'sce', '--record', 'dune.space-charge', '--at', '2026-01-01T12:00:00Z', '--db', db, '--json');
    expect(resolved.code, resolved.err).toBe(0);
    const map = JSON.parse(resolved.out);
    const top = map.payload.faces.find((f: { face: string }) => f.face === 'top');
    // Injected at the top face: -2 u (2 - u) cm; the last drift bin (mean u ~ 0.87) gives ~ -1.97.
    const last = top.bins[3];
    expect(Math.abs(last.displacementCm - -2 * last.meanDriftFraction * (2 - last.meanDriftFraction))).toBeLessThan(4 * last.errorCm);
    // the human view of the same run: fits whose statistic is not a chi2 (the clipped-mean t0 and vd) carry a null
    // p-value, shown as '-'
    const human = await nucal('calibrate', 'dune.cosmics', '--seed', '5', ...module, '--sim.flux.depthKmwe', '2.5', '--sim.spaceCharge.transverseCm', '2', '--spaceCharge', 'true', '--skipMichel', 'true');
    expect(human.code, human.err).toBe(0);
    expect(human.out).toMatch(/^t0\.tpc0\s+\d+\.\d\/\d+\s+-\s+yes$/m);
  });

  it('simulates the surface-protodune preset into a hit file: the module and the preset are recorded', async () => {
    const dir = tempDir('nucal-dune-preset-');
    const file = join(dir, 'hits.h5');
    const sim = await nucal('dune', 'simulate', '--days', '0.001', '--seed', '2', '--preset', 'surface-protodune', '--out', file, '--json');
    expect(sim.code, sim.err).toBe(0);
    const written = JSON.parse(sim.out);
    expect(written.preset).toBe('surface-protodune');
    expect(written.events).toBeGreaterThan(50);
    const hits = await readHitFile(file);
    expect(hits.module.widthM).toBe(7.2);
    expect(hits.module.driftVolumes).toBe(2);
    const bad = await nucal('dune', 'simulate', '--days', '0.001', '--preset', 'moon', '--out', file);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/moon/);
  });

  it('simulates hits into an HDF5 file and calibrates from it: the same constants as simulating in the command; a malformed file is one line', async () => {
    const dir = tempDir('nucal-dune-h5-');
    const file = join(dir, 'hits.h5');
    const sim = await nucal('dune', 'simulate', '--days', '1', '--seed', '11', '--out', file, '--json');
    expect(sim.code, sim.err).toBe(0);
    const written = JSON.parse(sim.out);
    expect(written.hits).toBeGreaterThan(1_000_000);
    expect(written.views).toEqual(['X', 'U']);
    const fromFile = await nucal('dune', 'cosmics', '--input', file, '--seed', '11', '--json');
    expect(fromFile.code, fromFile.err).toBe(0);
    const direct = await nucal('dune', 'cosmics', '--seed', '11', '--json');
    const a = CalibrateOutputSchema.parse(JSON.parse(fromFile.out));
    const b = CalibrateOutputSchema.parse(JSON.parse(direct.out));
    expect(a.input).toBe('file');
    expect(a.runs[0]!.summary).toEqual(b.runs[0]!.summary);
    const bad = join(dir, 'bad.h5');
    writeFileSync(bad, 'not hdf5');
    const r = await nucal('dune', 'cosmics', '--input', bad);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(r.err).toMatch(/^error: hit file .*bad\.h5: not readable as HDF5/);
  });

  it('dedx-check: nominal data pass, Birks data are flagged (surface module, muons below 2 GeV); a bad reference is one line', async () => {
    const dir = tempDir('nucal-dune-dedx-');
    const sim = (out: string, days: string, seed: string, generator = 'nominal') =>
      nucal('dune', 'simulate', '--preset', 'surface-protodune', '--below-energy', '2', '--days', days, '--seed', seed, '--generator', generator, '--out', join(dir, out), '--json');
    const written = await sim('data.h5', '0.5', '1');
    expect(written.code, written.err).toBe(0);
    expect(DuneSimulateOutputSchema.parse(JSON.parse(written.out)).belowEnergyGeV).toBe(2);
    for (const [out, days, seed, generator] of [['reference.h5', '1', '2', 'nominal'], ['birks.h5', '0.5', '1', 'birks']] as const) {
      const r = await sim(out, days, seed, generator);
      expect(r.code, r.err).toBe(0);
    }
    const check = (input: string) => nucal('dune', 'dedx-check', '--input', join(dir, input), '--reference', join(dir, 'reference.h5'), '--seed', '3', '--replicas', '200', '--json');
    const nominal = DuneDedxCheckOutputSchema.parse(JSON.parse((await check('data.h5')).out));
    expect(nominal.dataTracks).toBeGreaterThan(300);
    expect(nominal.ndof).toBe(11);
    expect(nominal.pValue, `nominal chi2 ${nominal.chi2}`).toBeGreaterThan(0.01);
    expect(nominal.differ).toBe(false);
    // measured: chi2 52.7 / 11 with 400 replicas (the same files); +4.8% in the last 2 cm
    const birks = DuneDedxCheckOutputSchema.parse(JSON.parse((await check('birks.h5')).out));
    expect(birks.differ, `Birks chi2 ${birks.chi2}`).toBe(true);
    expect(birks.bins[0]!.ratio.value).toBeGreaterThan(1.02);
    const human = await nucal('dune', 'dedx-check', '--input', join(dir, 'birks.h5'), '--reference', join(dir, 'reference.h5'), '--replicas', '200');
    expect(human.out).toMatch(/the data DIFFER from the reference/);
    // Birks: the last 2 cm most of all (+4.8% measured)
    expect(human.out).toMatch(/largest differences: 0-2 cm \+\d\.\d% \(\d+\.\d sigma\)/);
    const bad = join(dir, 'bad.h5');
    writeFileSync(bad, 'not hdf5');
    const r = await nucal('dune', 'dedx-check', '--input', join(dir, 'data.h5'), '--reference', bad);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(r.err).toMatch(/^error: hit file .*bad\.h5: not readable as HDF5/);
    const replicas = await nucal('dune', 'dedx-check', '--input', join(dir, 'data.h5'), '--reference', join(dir, 'reference.h5'), '--replicas', '7');
    expect(replicas.err).toMatch(/--replicas.*7.*an integer from 50 to 100000/);
    // a reference of another detector is refused, not compared
    const far = await nucal('dune', 'simulate', '--days', '0.01', '--seed', '4', '--below-energy', '2', '--out', join(dir, 'far.h5'));
    expect(far.code, far.err).toBe(0);
    const other = await nucal('dune', 'dedx-check', '--input', join(dir, 'data.h5'), '--reference', join(dir, 'far.h5'));
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/^error: the reference hits differ from the data in module, views: expected a reference simulated for the same module, readout and nominal response$/m);
  }, 120_000);
});
