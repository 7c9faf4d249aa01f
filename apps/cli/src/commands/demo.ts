import { Command } from 'commander';
import { defineRecord, formatTime, NucalError, parseTime, runTime, timestampTime, ValidationError, type ProvenanceInput, type TimestampTime } from '@nucal/core';
import type { CosmicTruth } from '@nucal/cosmics';
import { energyReconstructionPlugin, junoEnergyScaleRecord as junoScaleRecord, fNonlin, nonlinearityClosure, nonlinearityRecord, type ClosureTruth, type NonlinParams } from '@nucal/nonlinearity';
import { dQdxFromdEdx, duneEnergyScaleRecord as duneScaleRecord, hitsPlugin, type RawHit } from '@nucal/tpc-drift';
import { z } from 'zod';
import { builtinRecords } from '../builtin-records.js';
import type { CliContext } from '../context.js';
import { serveDemoBrowser, stopSignal } from '../demo-browser.js';
import { clearDemoFiles, DEMO_EXPORT_GLOBAL_TAG } from '../demo-files.js';
import { showMeasurement, showTime } from '../format.js';
import { CalibrateOutputSchema } from '../output/calibrate-output.js';
import { JunoUniformityOutputSchema } from '../output/juno-uniformity-output.js';
import { openDb } from '../open-db.js';
import { parseInteger } from '../parse-args.js';
import { scenarioTruthMap } from '../uniformity-scenario-sample.js';

/** A channel-gain record used only to show the conditions workflow. */
export const demoGainRecord = defineRecord({
  name: 'demo.channel-gain',
  version: 1,
  description: 'Demo: mean LPMT gain in ADC counts per photoelectron',
  schema: z.object({ gainAdcPerPe: z.number().positive(), gainErrAdcPerPe: z.number().nonnegative() }),
});

const provenance: ProvenanceInput = { plugin: { id: 'nucal.demo', version: '0.1.0' }, input: { description: 'demo values' }, createdAt: new Date().toISOString() };

/** Runs another nucal command in-process (the demo is a script of ordinary commands). */
type RunCli = (argv: string[]) => Promise<{ code: number; out: string; err: string }>;

/**
 * `nucal demo`: the whole workflow on an embedded SQLite file, narrated, then the conditions
 * browser over the result until Ctrl-C (`--no-serve`: exit when done). It re-creates its own
 * files on every run but never deletes a file it did not make (see {@link clearDemoFiles}).
 * Its --db does not default to $NUCAL_DB: the demo's database is a throwaway file of its own.
 */
export function demoCommand(cli: CliContext, runCli: RunCli): Command {
  const { io } = cli;
  return new Command('demo')
    .description('run the end-to-end demo on an embedded SQLite database')
    .option('--db <file>', 'SQLite file the demo creates (re-created on every run; NUCAL_DB is not used)', './nucal-demo.sqlite')
    .option('--export <file>', 'where to export the locked global tag', './nucal-demo-export.sqlite')
    .option('--plots <dir>', 'where the calibrations write their SVG plots', './nucal-demo-plots')
    .option('--no-serve', 'exit when done instead of serving the conditions browser over the result')
    .option('--port <n>', 'port of the conditions browser (a taken port falls back to a free one)', '8080')
    .action(async (o: { db: string; export: string; plots: string; serve: boolean; port: string }) => {
      const port = parseInteger(o.port, '--port', 0, 65_535);
      for (const [option, file] of [['--db', o.db], ['--export', o.export]] as const) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new ValidationError(`${option} "${file.replace(/:\/\/.*/s, '://...')}" is a URL: nucal demo runs on SQLite files, expected a file path`);
      }
      await clearDemoFiles(o.db, o.export);
      const say = (t: string) => io.out(t);
      say(`nucal demo — conditions database ${o.db} (SQLite, embedded)\n`);
      const db = await openDb(cli, { url: o.db, mode: 'create', extra: { mark: { kind: 'demo' }, label: 'demo' } });
      try {
        for (const r of [...builtinRecords(), demoGainRecord]) await db.registerRecord(r);
        say(`1. registered record types: ${(await db.listRecords()).map((r) => `${r.name}@${r.version}`).join(', ')}`);

        await db.createTag({ name: 'gain-run-v1', record: demoGainRecord.name, timeType: 'run', description: 'gains by run' });
        await db.appendIovs('gain-run-v1', [
          { since: runTime(1000), payload: { gainAdcPerPe: 101.2, gainErrAdcPerPe: 0.3 }, provenance },
          { since: runTime(1100), payload: { gainAdcPerPe: 100.7, gainErrAdcPerPe: 0.3 }, provenance },
          { since: runTime(1200, 3), payload: { gainAdcPerPe: 99.9, gainErrAdcPerPe: 0.4 }, provenance },
        ]);
        const t0 = 1_795_478_400_000_000_000n; // 2026-11-24T00:00:00Z in ns, beyond 2^53
        await db.createTag({ name: 'gain-time-v1', record: demoGainRecord.name, timeType: 'timestamp', description: 'gains by time' });
        await db.appendIovs('gain-time-v1', [
          { since: timestampTime(t0), payload: { gainAdcPerPe: 100.0, gainErrAdcPerPe: 0.2 }, provenance },
          { since: timestampTime(t0 + 1n), payload: { gainAdcPerPe: 100.5, gainErrAdcPerPe: 0.2 }, provenance },
        ]);
        say('2. tags gain-run-v1 (3 IOVs by run, one at run 1200 subrun 3) and gain-time-v1 (2 IOVs one nanosecond apart)');

        await db.createGlobalTag({ name: DEMO_EXPORT_GLOBAL_TAG, description: 'demo reconstruction pass' });
        await db.setGlobalTagEntry(DEMO_EXPORT_GLOBAL_TAG, demoGainRecord.name, 'gain-run-v1');
        const gt = await db.lockGlobalTag(DEMO_EXPORT_GLOBAL_TAG, { snapshot: 'now' });
        say(`3. global tag ${gt.name} locked with snapshot ${gt.snapshot?.toISOString()}`);

        await db.appendIov('gain-run-v1', { since: runTime(1300), payload: { gainAdcPerPe: 98.0, gainErrAdcPerPe: 0.5 }, provenance });
        for (const at of [runTime(1050), runTime(1200, 2), runTime(1350)]) {
          const viaGt = await db.resolve({ globalTag: DEMO_EXPORT_GLOBAL_TAG, record: demoGainRecord, at });
          const viaTag = await db.resolve({ tag: 'gain-run-v1', record: demoGainRecord, at });
          say(`4. run ${formatTime(at)}: global tag -> ${viaGt.payload.gainAdcPerPe} ADC/PE valid [${showTime(viaGt.since)}, ${showTime(viaGt.until)}); tag -> ${viaTag.payload.gainAdcPerPe}`);
        }
        const ts = await db.resolve({ tag: 'gain-time-v1', record: demoGainRecord, at: timestampTime(t0 + 1n) });
        say(`5. timestamp ${showTime(timestampTime(t0 + 1n))}: ${ts.payload.gainAdcPerPe} ADC/PE since ${showTime(ts.since)}`);

        const summary = await db.exportGlobalTag(DEMO_EXPORT_GLOBAL_TAG, o.export);
        const ex = await openDb(cli, { url: o.export, mode: 'read' });
        try {
          // locked with a snapshot above, so its answers can never change under a job
          const cache = await ex.provider({ globalTag: DEMO_EXPORT_GLOBAL_TAG });
          let sum = 0;
          for (let run = 1000n; run < 1400n; run++) sum += (await cache.resolve(demoGainRecord, runTime(run))).payload.gainAdcPerPe;
          say(`6. exported to ${o.export} (${summary.iovs} IOV rows, ${summary.payloads} payloads); 400 runs resolved from the export through the IOV cache: ${cache.misses} lookups, ${cache.hits} cache hits, mean gain ${(sum / 400).toFixed(2)} ADC/PE`);
        } finally {
          await ex.close();
        }
        const log = await db.auditLog({ limit: 3 });
        say(`7. audit log (latest): ${log.map((e) => `${e.action} ${e.target}`).join('; ')}`);
      } finally {
        await db.close();
      }
      await junoChapter(cli, o, say, runCli);
      await duneChapter(cli, o, say, runCli);
      say(`\nexplore: npx nucal db gt list --db ${o.db}; npx nucal db log --db ${o.db}; plots in ${o.plots}/`);
      if (!o.serve) return;
      await serveDemoBrowser({
        dbFile: o.db,
        port,
        host: '127.0.0.1',
        until: stopSignal(),
        onListening: (url, file) => say(`\nconditions browser: ${url} (a read-only copy of ${file}); stop with Ctrl-C`),
      });
      say('conditions browser stopped');
    });
}

async function nucal(runCli: RunCli, argv: string[]): Promise<string> {
  const r = await runCli(argv);
  if (r.code !== 0) throw new NucalError('DEMO_STEP', `demo step "nucal ${argv.join(' ')}" failed: ${r.err.replace(/^error: /, '')}`);
  return r.out;
}

/** The demo's uniformity scenario: the realistic detector (250 source points, vertex resolution, QE spread). */
const UNIFORMITY_SCENARIO = 'qe-variation';
const UNIFORMITY_SEED = '13';

/**
 * JUNO: calibrate the energy scale into two run IOVs and the non-uniformity map into one, then
 * reconstruct positrons at the centre and off-centre by run.
 */
async function junoChapter(cli: CliContext, o: { db: string; plots: string }, say: (t: string) => void, runCli: RunCli): Promise<void> {
  say('\nJUNO-like liquid scintillator: energy non-linearity (nucal juno nonlinearity)');
  for (const [seed, since] of [['11', '1000'], ['12', '1200']] as const) {
    const t0 = performance.now();
    const r = CalibrateOutputSchema.parse(JSON.parse(await nucal(runCli, ['juno', 'nonlinearity', '--seed', seed, '--since', since, '--db', o.db, '--tag-prefix', 'demo', '--global-tag', 'demo-juno', '--plots', o.plots, '--json'])));
    const run = r.runs[0]!;
    const s = run.summary;
    const fit = run.fits.nonlinearity!;
    // closure report: the simulation's truth, published beside the run, against the calibrated constants
    const closure = nonlinearityClosure(run.truth as ClosureTruth, { params: fit.values as NonlinParams, annihilationVisibleMeV: s.annihilationVisibleEnergy!.value });
    say(`8. runs ${since}+: p0..p3 = ${[s.p0, s.p1, s.p2, s.p3].map((m) => showMeasurement(m!)).join(', ')}; chi2/ndof ${fit.chi2.toFixed(1)}/${fit.ndof}; closure: max |f_fit/f_true - 1| = ${(100 * closure.maxDeviation).toFixed(3)}% (0.5-8 MeV), positrons 1-8 MeV within ${(100 * closure.maxPositronBias).toFixed(3)}%; ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  say('\nJUNO-like liquid scintillator: position non-uniformity and energy resolution (nucal juno uniformity)');
  const t0 = performance.now();
  const u = JunoUniformityOutputSchema.parse(JSON.parse(await nucal(runCli, [
    'juno', 'uniformity', '--scenario', UNIFORMITY_SCENARIO, '--seed', UNIFORMITY_SEED, '--events-per-energy', '20000', '--events-per-point', '5000',
    '--since', '1000', '--db', o.db, '--tag-prefix', 'demo', '--global-tag', 'demo-juno', '--plots', o.plots, '--json',
  ])))[0]!;
  const w = u.written!;
  say(`9. scenario ${u.scenario} (${u.description}), 20,000 positrons per energy: a = ${showMeasurement(u.a)} % sqrt(MeV), b = ${showMeasurement(u.b)} %, c = ${showMeasurement(u.c)} % MeV, a_eff = ${showMeasurement(u.aEff)} %; energy scale over the volume ${u.biasPct >= 0 ? '+' : ''}${u.biasPct.toFixed(2)}% from the centre's; its map from ${w.summary.pointsUsed!.value} source points (g ${w.summary.gMin!.value.toFixed(3)}-${w.summary.gMax!.value.toFixed(3)}) written to ${w.payloads.map((p) => p.tag).join(', ')} since run ${w.since.text}; ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Reconstruction reads a frozen global tag: lock it with a snapshot, as a production pass would.
  await nucal(runCli, ['db', 'gt', 'lock', 'demo-juno', '--snapshot', 'now', '--db', o.db]);
  const db = await openDb(cli, { url: o.db, mode: 'read' });
  try {
    const conditions = await db.provider({ globalTag: 'demo-juno' });
    const reco = energyReconstructionPlugin();
    // Events are made with the scenario's TRUE response at their vertex (closure display only):
    // the reconstruction must undo it with the calibrated map it reads by run.
    const truth = scenarioTruthMap(u.scenario, UNIFORMITY_SEED);
    const events = [
      [1005, 1, 'centre', { xCm: 0, yCm: 0, zCm: 0 }],
      [1100, 3, 'r 10 m, equator', { xCm: 1000, yCm: 0, zCm: 0 }],
      [1150, 3, 'r 15.5 m, equator', { xCm: 0, yCm: 1550, zCm: 0 }],
      [1250, 3, 'r 14.8 m, 42 deg from the top', { xCm: -700, yCm: 700, zCm: 1100 }],
      [1300, 6, 'r 12 m, bottom', { xCm: 0, yCm: 0, zCm: -1200 }],
    ] as const;
    const rows: string[] = [];
    for (const [run, kineticMeV, where, vertex] of events) {
      const scale = (await conditions.resolve(junoScaleRecord, runTime(run))).payload;
      const nl = (await conditions.resolve(nonlinearityRecord, runTime(run))).payload;
      const gTrue = truth.peMeV(vertex.xCm, vertex.yCm, vertex.zCm) / truth.centrePeMeV;
      const pe = Math.round(scale.darkNoiseOffsetPe + scale.y0PePerMeV * gTrue * (scale.annihilationVisibleMeV + kineticMeV * fNonlin(kineticMeV, nl.parameters)));
      const out = await reco.process({ peTotal: pe, vertex, time: runTime(run) }, conditions);
      const uncorrected = (pe - scale.darkNoiseOffsetPe) / scale.y0PePerMeV;
      rows.push(`run ${run}, ${where}: ${pe} PE, g ${out.g.toFixed(3)} (true ${gTrue.toFixed(3)}): E_vis ${uncorrected.toFixed(3)} -> ${out.visibleEnergyMeV.toFixed(3)} MeV, positron T ${out.positronKineticMeV?.toFixed(3)} MeV (true ${kineticMeV})`);
    }
    say(`10. juno.energy reconstruction through global tag demo-juno: energy scale, non-linearity and uniformity map by run (IOV cache: ${conditions.misses} lookups for ${rows.length} events):\n   ${rows.join('\n   ')}`);
  } finally {
    await db.close();
  }
}

/** DUNE: calibrate two days of cosmics into timestamp IOVs, then reconstruct a MIP track's hits. */
async function duneChapter(cli: CliContext, o: { db: string; plots: string }, say: (t: string) => void, runCli: RunCli): Promise<void> {
  say('\nDUNE-like LArTPC: cosmic-muon calibration (nucal dune cosmics)');
  const since = '2026-03-01T00:00:00Z';
  const inject = { tpcs: { '1': { t0OffsetUs: 2.5 }, '2': { lifetimeMs: 6 }, '3': { lifetimeMs: 8, lifetimeSlopePerM: 0.05 } } };
  const t0 = performance.now();
  const r = CalibrateOutputSchema.parse(JSON.parse(await nucal(runCli, ['dune', 'cosmics', '--days', '2', '--seed', '21', '--inject', JSON.stringify(inject), '--since', since, '--db', o.db, '--tag-prefix', 'demo', '--global-tag', 'demo-dune', '--plots', o.plots, '--json'])));
  const truth = r.runs.at(-1)!.truth as CosmicTruth;
  const day0 = r.runs[0]!.summary;
  say(`11. 2 detector-days in ${((performance.now() - t0) / 1000).toFixed(1)} s; day 0: ${Math.round(day0['rate.all']!.value)} muons, ${Math.round(day0['rate.stopping']!.value)} stopping; injected t0 2.5 us in TPC 1 -> ${showMeasurement(day0['t0.tpc1']!)} us; injected lifetime 6 ms in TPC 2 -> ${showMeasurement(day0['lifetime.tpc2']!)} ms`);

  await nucal(runCli, ['db', 'gt', 'lock', 'demo-dune', '--snapshot', 'now', '--db', o.db]);
  const db = await openDb(cli, { url: o.db, mode: 'read' });
  try {
    const conditions = await db.provider({ globalTag: 'demo-dune' });
    const at = timeAt(since, 0.5);
    const scale = (await conditions.resolve(duneScaleRecord, at)).payload;
    // A minimum-ionising track in TPC 2 (2.1 MeV/cm), digitised with the TRUE response of the
    // simulation; the hits plugin must undo drift, lifetime and gain with the calibrated constants.
    const tpc = truth.tpcs[2]!;
    const electronsPerCm = dQdxFromdEdx(scale.recombination, 2.1, { fieldKvPerCm: scale.fieldKvPerCm, densityGPerCm3: scale.densityGPerCm3, wMeV: scale.wMeV });
    const hits: RawHit[] = [];
    for (let i = 0; i < 40; i++) {
      const driftUs = 50 + i * 52;
      const lifetimeMs = tpc.lifetimeMs; // mid-height track: the slope does not apply
      const adc = electronsPerCm * 0.479 * Math.exp(-driftUs / (1000 * lifetimeMs)) * tpc.gainAdcPerElectron;
      hits.push({ tpc: 2, channel: 1000 + i, tick: (driftUs + tpc.t0OffsetUs) / 0.5, chargeAdc: adc, pitchCm: 0.479, yCm: 0 });
    }
    const out = await hitsPlugin().process({ time: at, hits }, conditions);
    const dedx = out.hits.map((h) => h.dEdxMeVPerCm ?? Number.NaN);
    const mean = dedx.reduce((a, b) => a + b, 0) / dedx.length;
    const spread = Math.max(...dedx.map((d) => Math.abs(d / 2.1 - 1)));
    say(`12. dune.hits reconstruction of a 2.1 MeV/cm track in TPC 2 at ${showTime(at)}: mean dE/dx ${mean.toFixed(3)} MeV/cm, worst hit ${(100 * spread).toFixed(2)}% from 2.1 along the full ${(out.hits.at(-1)!.driftTimeUs / 1000).toFixed(2)} ms drift`);
  } finally {
    await db.close();
  }
}

function timeAt(since: string, days: number): TimestampTime {
  const start = parseTime(since, 'timestamp') as TimestampTime;
  return timestampTime(start.ns + BigInt(Math.round(days * 86_400)) * 1_000_000_000n);
}

