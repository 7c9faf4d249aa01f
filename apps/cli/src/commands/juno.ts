import { Command } from 'commander';
import { formatZodIssues, parseTime, ValidationError, type RunTime } from '@nucal/core';
import { NonlinearitySample, nonlinearityPlugin, sampleFromCsv, type NonlinearitySampleInput } from '@nucal/nonlinearity';
import { calibrationContext, seededRng } from '../calibration-context.js';
import type { CliContext } from '../context.js';
import { noDbOption, writeDbOption } from '../db-option.js';
import { table, toJson } from '../format.js';
import { openDb } from '../open-db.js';
import { parseInteger, parseJson, parseNumber } from '../parse-args.js';
import { readTextFile } from '../read-text-file.js';
import { writePlots } from '../render-plots.js';
import { mapInGlobalTag, writePayloads } from '../write-payloads.js';

/** Reads a calibration sample: JSON (the plugin's input schema) or CSV of measured peaks. */
function readSample(file: string): NonlinearitySample {
  const text = readTextFile(file, '--input');
  if (/\.csv$/i.test(file)) return sampleFromCsv(text);
  const raw = parseJson(text, `--input ${file}`);
  const r = NonlinearitySample.safeParse(raw as NonlinearitySampleInput);
  if (!r.success) throw new ValidationError(`--input ${file} is not a juno.nonlinearity sample`, formatZodIssues(r.error.issues));
  return r.data;
}

/** `nucal juno ...`: the liquid-scintillator energy scale. */
export function junoCommand(cli: CliContext): Command {
  const { io } = cli;
  const juno = new Command('juno').description('JUNO-like liquid scintillator: energy non-linearity and energy scale');
  juno
    .command('nonlinearity')
    .description('simulate (or read) gamma-source peaks and one month of B-12, fit the electron non-linearity, write juno.nonlinearity and juno.energy-scale as run IOVs')
    .option('--seed <seed>', 'random seed', '1')
    .option('--events <n>', 'events per gamma source (K-40 keeps 6% of it)', '100000')
    .option('--b12-days <d>', 'days of B-12 data', '30')
    .option('--mocks <n>', 'mock data sets per systematic effect for the band (0: statistical band only)', '100')
    .option('--input <file>', 'calibrate this sample (JSON of the plugin input, or CSV source,meanMeV,meanErrMeV) instead of simulating')
    .addOption(writeDbOption(cli.env))
    .addOption(noDbOption())
    .option('--tag <prefix>', 'tags are <prefix>.juno.nonlinearity and <prefix>.juno.energy-scale', 'mc')
    .option('--since <run>', 'first run of validity: RUN[:SUBRUN]', '1')
    .option('--global-tag <name>', 'also map both records to the written tags in this (open) global tag')
    .option('--plots <dir>', 'write SVG plots here')
    .option('--json', 'machine-readable JSON output')
    .action(async (o: { seed: string; events: string; b12Days: string; mocks: string; input?: string; db?: string | false; tag: string; since: string; globalTag?: string; plots?: string; json?: boolean }) => {
      const since = parseTime(o.since, 'run') as RunTime;
      const events = parseInteger(o.events, '--events', 100);
      const mocks = parseInteger(o.mocks, '--mocks', 0);
      const days = parseNumber(o.b12Days, '--b12-days', (v) => v > 0, 'a positive number of days');
      const sample = o.input !== undefined ? readSample(o.input) : undefined;
      // Open (and so check) the database before the calibration: a wrong --db must not cost
      // the 20 s of a fit. It must be initialised: `nucal db init` is what creates one.
      // an explicit --db "" is a wrong database, not "no database": only --no-db (false) or no value skip it
      const db = typeof o.db === 'string' ? await openDb(cli, { url: o.db, mode: 'write', json: o.json }) : undefined;
      let result;
      let written: Awaited<ReturnType<typeof writePayloads>> = [];
      const t0 = performance.now();
      try {
        const plugin = nonlinearityPlugin({ systematics: { mocks } });
        const rng = seededRng(o.seed);
        const ctx = calibrationContext(io, rng, o);
        const input = sample ?? plugin.simulate({ eventsPerSource: events, eventsBySource: { 'K-40': Math.max(100, Math.round(events * 0.06)) }, b12: { days } }, rng.fork('simulate')).input;
        result = await plugin.calibrate(input, { ...ctx, rng: rng.fork('calibrate') });
        if (db) {
          written = await writePayloads(db, result, since, o.tag);
          if (o.globalTag) await mapInGlobalTag(db, o.globalTag, written, 'nucal juno nonlinearity');
        }
      } catch (err) {
        await db?.close().catch(() => undefined);
        throw err;
      }
      await db?.close();
      const wallS = (performance.now() - t0) / 1000;
      const plots = o.plots ? await writePlots(o.plots, result.plots, 'juno-') : [];
      const s = result.summary ?? {};
      if (o.json) {
        io.out(toJson({ summary: s, fits: result.fits, written, plots, wallS }));
        return;
      }
      const fmt = (v: unknown, digits = 5) => (typeof v === 'number' ? Number(v.toPrecision(digits)).toString() : String(v));
      io.out('electron non-linearity f(E) = (p0 + p3/E) / (1 + p1 exp(-p2 E))');
      io.out(table(['parameter', 'value', 'error'], ['p0', 'p1', 'p2', 'p3'].map((p) => [p, fmt(s[p]), fmt(s[`${p}Err`], 2)])));
      io.out(`chi2/ndof = ${fmt(s.chi2, 4)}/${s.ndof} (fit ${s.fitValid ? 'valid' : 'INVALID'}); Y0 = ${fmt(s.y0PePerMeV)} PE/MeV; dark-noise offset ${fmt(s.darkNoiseOffsetPe)} PE; Ge-68 annihilation ${fmt(s.annihilationVisibleMeV)} MeV`);
      io.out(`systematic band: max ${fmt(s.bandMaxRelPercentInValidity, 3)}% in the validity range`);
      if (s.maxDeviationFromTruthPercent !== undefined) io.out(`max deviation from the true electron non-linearity (0.5-8 MeV): ${fmt(s.maxDeviationFromTruthPercent, 3)}%`);
      if (s.maxPositronBiasPercent !== undefined) io.out(`max positron energy bias (1-8 MeV): ${fmt(s.maxPositronBiasPercent, 3)}%`);
      if (written.length) io.out(`wrote ${written.map((w) => `${w.tag} since run ${o.since}${w.inserted ? '' : ' (unchanged)'}`).join(', ')}`);
      if (plots.length) io.out(`plots: ${plots.join(', ')}`);
      io.out(`wall time ${wallS.toFixed(1)} s`);
    });
  return juno;
}
