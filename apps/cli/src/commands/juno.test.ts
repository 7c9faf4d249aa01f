import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTime } from '@nucal/core';
import { openConditionsDb } from '@nucal/conditions-db';
import { energyReconstructionPlugin, junoEnergyScaleRecord, fNonlin, nonlinearityClosure, nonlinearityRecord, type ClosureTruth, type NonlinParams } from '@nucal/nonlinearity';
import { uniformityCorrection, uniformityRecord } from '@nucal/uniformity';
import { describe, expect, it } from 'vitest';
import { nucal, tempDir } from '../cli.test-support.js';
import { CalibrateOutputSchema } from '../output/calibrate-output.js';

describe('nucal juno nonlinearity', () => {
  it('writes juno.nonlinearity and juno.energy-scale as run IOVs that juno.energy reconstruction reads by event time, with the juno.uniformity map at the event vertex', async () => {
    const dir = tempDir('nucal-juno-');
    const db = join(dir, 'c.sqlite');
    // Reduced statistics (20k events per source, no systematic mocks): this test is about the
    // plumbing; the physics closure at full statistics is in @nucal/nonlinearity's tests.
    // Only `nucal db init` creates a database: the calibration needs an initialised one.
    expect((await nucal('db', 'init', '--db', db)).code).toBe(0);
    const common = ['--events', '20000', '--mocks', '0', '--db', db, '--tag-prefix', 'mc', '--global-tag', 'juno-mc', '--json'];
    const first = await nucal('juno', 'nonlinearity', '--seed', '1', '--since', '100', '--plots', join(dir, 'plots'), ...common);
    expect(first.code, first.err).toBe(0);
    const report = CalibrateOutputSchema.parse(JSON.parse(first.out));
    const run = report.runs[0]!;
    expect(run.since).toEqual({ kind: 'run', run: '100', subrun: '0', text: '100' });
    expect(run.written.map((w) => w.tag).sort()).toEqual(['mc.juno.energy-scale', 'mc.juno.nonlinearity']);
    expect(run.fits.nonlinearity!.valid).toBe(true);
    expect(run.summary.p0).toEqual({ value: expect.any(Number), error: expect.any(Number), unit: '1' });
    // Simulated with the optics truth, published beside the run (the calibration never saw it):
    // the fitted curve follows it within 0.3% over 0.5-8 MeV.
    expect(Object.keys(run.summary)).not.toContain('maxDeviationFromTruth');
    const closure = nonlinearityClosure(run.truth as ClosureTruth, { params: run.fits.nonlinearity!.values as NonlinParams, annihilationVisibleMeV: run.summary.annihilationVisibleEnergy!.value });
    expect(closure.maxDeviation).toBeLessThan(0.003);
    expect(readdirSync(join(dir, 'plots')).sort()).toEqual(['juno-b12-spectrum.svg', 'juno-electron-nonlinearity.svg', 'juno-gamma-nonlinearity.svg', 'juno-nonlinearity-band-breakdown.svg', 'juno-positron-bias.svg']);
    expect((await nucal('juno', 'nonlinearity', '--seed', '2', '--since', '200', ...common)).code).toBe(0);
    // the non-uniformity map the reconstruction needs as well (small statistics)
    const uni = await nucal('calibrate', 'juno.uniformity', '--events', '2000', '--seed', '1', '--since', '100', '--db', db, '--tag-prefix', 'mc', '--global-tag', 'juno-mc', '--json');
    expect(uni.code, uni.err).toBe(0);
    const uniRun = CalibrateOutputSchema.parse(JSON.parse(uni.out)).runs[0]!;
    expect(uniRun.written.map((w) => w.tag)).toEqual(['mc.juno.uniformity']);
    expect(uniRun.summary.pointsUsed!.value).toBe(250);

    // Reconstruction reads a frozen global tag (an open one is refused by provider()).
    expect((await nucal('db', 'gt', 'lock', 'juno-mc', '--snapshot', 'now', '--db', db)).code).toBe(0);
    const conditions = await openConditionsDb({ url: db, readOnly: true });
    try {
      const provider = await conditions.provider({ globalTag: 'juno-mc' });
      const reco = energyReconstructionPlugin();
      const trueKineticMeV = 3;
      const vertex = { xCm: 1200, yCm: 300, zCm: -700 };
      const hashes = new Set<string>();
      for (const run of [150, 151, 250]) {
        const scale = (await provider.resolve(junoEnergyScaleRecord, runTime(run))).payload;
        const nl = (await provider.resolve(nonlinearityRecord, runTime(run))).payload;
        const g = uniformityCorrection((await provider.resolve(uniformityRecord, runTime(run))).payload).g(vertex.xCm, vertex.yCm, vertex.zCm);
        // The PE a 3 MeV positron at this vertex gives under the constants valid at this run.
        const pe = scale.darkNoiseOffsetPe + scale.y0PePerMeV * g * (scale.annihilationVisibleMeV + trueKineticMeV * fNonlin(trueKineticMeV, nl.parameters));
        const out = await reco.process({ peTotal: pe, vertex, time: runTime(run) }, provider);
        expect(out.g).toBe(g);
        expect(out.positronKineticMeV).toBeCloseTo(trueKineticMeV, 6);
        expect(out.inValidityRange).toBe(true);
        expect(out.conditions.uniformity).toBe(uniRun.written[0]!.hash);
        hashes.add(out.conditions.nonlinearity);
      }
      // Runs 150 and 151 share an IOV, run 250 is in the second one; the map is valid from 100 on.
      expect(hashes.size).toBe(2);
      expect(provider.misses).toBe(5);
    } finally {
      await conditions.close();
    }
  });

  it('refuses bad options with one clear line', async () => {
    const r = await nucal('juno', 'nonlinearity', '--events', '10');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: options are invalid: --sim\.eventsPerSource: Too small: expected number to be >=100/);
    const s = await nucal('juno', 'nonlinearity', '--since', 'yesterday');
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/time "yesterday" is not a run/);
  });
});
