import { Command, Option } from 'commander';
import { parseTime, timestampTime, ValidationError, type TimestampTime } from '@nucal/core';
import { cosmicsPlugin, InjectSchema, planStatistics, type CosmicTruth, type InjectInput } from '@nucal/cosmics';
import { calibrationContext, seededRng } from '../calibration-context.js';
import type { CliContext } from '../context.js';
import { noDbOption, writeDbOption } from '../db-option.js';
import { table, toJson } from '../format.js';
import { openDb } from '../open-db.js';
import { parseInteger, parseJson, parseNumber } from '../parse-args.js';
import { readTextFile } from '../read-text-file.js';
import { writePlots } from '../render-plots.js';
import { mapInGlobalTag, writePayloads } from '../write-payloads.js';

const DAY_NS = 86_400n * 1_000_000_000n;

function readInject(text: string | undefined): InjectInput | undefined {
  if (text === undefined) return undefined;
  const raw = parseJson(text.trim().startsWith('{') ? text : readTextFile(text, '--inject'), '--inject');
  const r = InjectSchema.safeParse(raw);
  if (!r.success) throw new ValidationError(`--inject is invalid: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return raw as InjectInput;
}

/** `nucal dune ...`: the LArTPC calibrations from cosmic muons. */
export function duneCommand(cli: CliContext): Command {
  const { io } = cli;
  const dune = new Command('dune').description('DUNE-like LArTPC: calibrations from cosmic muons');

  dune
    .command('cosmics')
    .description('simulate D days of cosmic muons, calibrate t0, <vd>, lifetime and energy scale per day, and write them as timestamp IOVs')
    .option('--days <n>', 'detector-days to simulate (one calibration and one IOV per day)', '1')
    .option('--seed <seed>', 'random seed', '1')
    .option('--inject <json|file>', 'injected truth per TPC, e.g. {"tpcs":{"2":{"lifetimeMs":6,"t0OffsetUs":3}}}')
    .addOption(writeDbOption(cli.env))
    .addOption(noDbOption())
    .option('--tag-prefix <prefix>', 'tags are <prefix>.<record>, e.g. mc.dune.lifetime', 'mc')
    .option('--global-tag <name>', 'also map the four records to the written tags in this (open) global tag')
    .option('--since <time>', 'start of day 0: ISO-8601 date or ns since the epoch', '2026-01-01T00:00:00Z')
    .addOption(new Option('--binning <b>', 'energy-scale binning').choices(['whole', 'tpc']).default('whole'))
    .option('--plots <dir>', 'write SVG plots of the last day here')
    .option('--json', 'machine-readable JSON output')
    .action(async (o: { days: string; seed: string; inject?: string; db?: string | false; tagPrefix: string; globalTag?: string; since: string; binning: 'whole' | 'tpc'; plots?: string; json?: boolean }) => {
      const days = parseInteger(o.days, '--days', 1, 366);
      const inject = readInject(o.inject);
      const start = parseTime(o.since, 'timestamp') as TimestampTime;
      const plugin = cosmicsPlugin({ energyScale: { binning: o.binning } });
      const rng = seededRng(o.seed);
      // An initialised database only (`nucal db init` creates one), opened before the simulation.
      // an explicit --db "" is a wrong database, not "no database": only --no-db (false) or no value skip it
      const db = typeof o.db === 'string' ? await openDb(cli, { url: o.db, mode: 'write', json: o.json }) : undefined;
      const report: { day: number; since: string; summary: Record<string, unknown>; written: Awaited<ReturnType<typeof writePayloads>> }[] = [];
      let truth: CosmicTruth | undefined;
      try {
        for (let d = 0; d < days; d++) {
          const dayRng = rng.fork(`day-${d}`);
          const ctx = calibrationContext(io, dayRng, o);
          const t0 = performance.now();
          const sim = plugin.simulate({ days: 1, ...(inject ? { inject } : {}) }, dayRng.fork('simulate'));
          truth = sim.truth;
          const result = await plugin.calibrate(sim.input, { ...ctx, rng: dayRng.fork('calibrate') });
          const since = timestampTime(start.ns + BigInt(d) * DAY_NS);
          const written = db ? await writePayloads(db, result, since, o.tagPrefix) : [];
          if (o.plots && d === days - 1) await writePlots(o.plots, result.plots, 'dune-');
          report.push({ day: d, since: new Date(Number(since.ns / 1_000_000n)).toISOString(), summary: { ...result.summary, wallS: Number(((performance.now() - t0) / 1000).toFixed(2)) }, written });
          if (!o.json) {
            io.out(`day ${d} (${report[d]!.since}): ${Object.entries(result.summary ?? {}).filter(([k]) => k.startsWith('rate.')).map(([k, v]) => `${k.slice(5, -6)} ${v}/day`).join(', ')}`);
            const rows = Object.entries(result.summary ?? {}).filter(([k]) => !k.startsWith('rate.') && k !== 'days').map(([k, v]) => [k, String(v)]);
            io.out(table(['constant', 'value +- error'], rows));
            if (written.length) io.out(`  wrote ${written.map((w) => `${w.tag}@${report[d]!.since}`).join(', ')}`);
          }
        }
        if (db && o.globalTag) {
          await mapInGlobalTag(db, o.globalTag, report[0]!.written, 'nucal dune cosmics');
          if (!o.json) io.out(`global tag ${o.globalTag} maps ${report[0]!.written.length} records`);
        }
      } catch (err) {
        // report the calibration's error, not a failure to close after it
        await db?.close().catch(() => undefined);
        throw err;
      }
      await db?.close();
      if (!o.json && truth) {
        io.out('truth (injected): ' + truth.tpcs.map((t) => `tpc${t.tpc} t0 ${t.t0OffsetUs} us, vd ${t.vdMmPerUs.toFixed(4)} mm/us, tau ${t.lifetimeMs} ms${t.lifetimeSlopePerM ? ` (slope ${t.lifetimeSlopePerM}/m)` : ''}`).join('; '));
      }
      if (o.json) io.out(toJson({ days: report, truth }));
    });

  dune
    .command('stats')
    .description('events and days of data needed for a relative precision, per detector binning')
    .addOption(new Option('--sample <s>', 'calibration sample').choices(['stopping', 'michel', 'throughgoing']).makeOptionMandatory())
    .requiredOption('--precision <p>', 'relative precision wanted, e.g. 0.01 for 1%')
    .option('--efficiency <e>', 'selection efficiency (0..1]')
    .option('--resolution <s>', 'relative spread of one event (default: from the simulation)')
    .addOption(new Option('--binning <b>', 'detector binning').choices(['whole', 'tpc']).default('whole'))
    .option('--rate <perDay>', 'selected rate per day for the whole detector (default: simulated)')
    .option('--json', 'machine-readable JSON output')
    .action((o: { sample: 'stopping' | 'michel' | 'throughgoing'; precision: string; efficiency?: string; resolution?: string; binning: 'whole' | 'tpc'; rate?: string; json?: boolean }) => {
      const num = (t: string, w: string) => parseNumber(t, w);
      const plan = planStatistics({
        sample: o.sample,
        precision: num(o.precision, '--precision'),
        binning: o.binning,
        ...(o.efficiency ? { efficiency: num(o.efficiency, '--efficiency') } : {}),
        ...(o.resolution ? { resolution: num(o.resolution, '--resolution') } : {}),
        ...(o.rate ? { ratesPerDay: { [o.sample]: num(o.rate, '--rate') } } : {}),
      });
      if (o.json) io.out(toJson(plan));
      else io.out(table(['sample', 'binning', 'precision', 'spread/event', 'events/bin', 'bins', 'rate/bin/day', 'days'], [[plan.sample, plan.binning, plan.precision, plan.resolution, plan.eventsPerBin, plan.bins, Number(plan.ratePerBinPerDay.toFixed(2)), Number(plan.daysNeeded.toFixed(2))]]));
    });
  return dune;
}

