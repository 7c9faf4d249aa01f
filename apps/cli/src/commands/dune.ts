import { Command, Option } from 'commander';
import { InjectSchema, SURFACE_PROTODUNE, cosmicsPlugin, planStatistics, writeHitFile } from '@nucal/cosmics';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import type { CliContext } from '../context.js';
import { table, toJson } from '../format.js';
import { parseJson, parseNumber } from '../parse-args.js';
import { readTextFile } from '../read-text-file.js';

/** `nucal dune stats`: the statistics planner of the DUNE calibrations. */
export function duneStatsCommand(cli: CliContext): Command {
  const { io } = cli;
  return new Command('stats')
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
}


/**
 * `nucal dune simulate --days N --seed S --out hits.h5 [--inject json|file]`: simulates N days of
 * cosmic muons and writes the hit collection (no truth) as an HDF5 hit file. The stream is the
 * one `nucal dune cosmics --seed S` uses for its first day (fork 'day-0', then 'simulate'), so
 * `nucal dune cosmics --input hits.h5 --seed S` of a one-day file gives the same constants.
 */
export function duneSimulateCommand(cli: CliContext): Command {
  const { io } = cli;
  return new Command('simulate')
    .description('simulate cosmic muons and write the hits (no truth) to an HDF5 hit file')
    .requiredOption('--out <file>', 'HDF5 hit file to write')
    .option('--days <n>', 'live days', '1')
    .option('--seed <s>', 'random seed', '0')
    .option('--inject <json|file>', 'injected truth per TPC, e.g. {"tpcs":{"2":{"lifetimeMs":6}}}')
    .addOption(
      new Option('--preset <name>', 'far-detector (the FD module at 4.3 km.w.e., no space charge) or surface-protodune (a protoDUNE-sized module at 1 km.w.e. with a 2 cm / 1 cm space-charge distortion)')
        .choices(['far-detector', 'surface-protodune'])
        .default('far-detector'),
    )
    .option('--json', 'machine-readable JSON output')
    .action(async (o: { out: string; days: string; seed: string; inject?: string; preset: string; json?: boolean }) => {
      const days = parseNumber(o.days, '--days', (v) => v > 0 && v <= 366, 'a number of days in (0, 366]');
      let inject: unknown = {};
      if (o.inject !== undefined) {
        const text = /^\s*[{]/.test(o.inject) ? o.inject : readTextFile(o.inject, '--inject');
        const parsed = InjectSchema.safeParse(parseJson(text, '--inject'));
        if (!parsed.success) throw new ValidationError('--inject is not a valid injection', formatZodIssues(parsed.error.issues));
        inject = parsed.data;
      }
      const preset = o.preset === 'surface-protodune' ? SURFACE_PROTODUNE : {};
      const { input: hits } = cosmicsPlugin().simulate({ ...preset, days, inject: inject as never }, createRng(o.seed).fork('day-0').fork('simulate'));
      await writeHitFile(o.out, hits);
      const out = { out: o.out, days, seed: o.seed, preset: o.preset, events: hits.events.count, hits: hits.hits.count, views: hits.views.map((v) => v.name) };
      if (o.json) io.out(toJson(out));
      else io.out(`wrote ${out.hits} hits of ${out.events} triggers (${days} day(s), views ${out.views.join(', ')}) to ${o.out}`);
    });
}
