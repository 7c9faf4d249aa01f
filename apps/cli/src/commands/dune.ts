import { Command, Option } from 'commander';
import { InjectSchema, OUT_OF_FAMILY_GENERATOR, SURFACE_PROTODUNE, cosmicsPlugin, dedxCheck, planStatistics, readHitFile, writeHitFile } from '@nucal/cosmics';
import { BIRKS_ICARUS } from '@nucal/tpc-drift';
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
    .addOption(
      new Option('--generator <model>', "what the generator assumes: nominal, birks (Birks recombination instead of modified Box) or out-of-family (Birks, D_T and noise +20%, 5% channel-gain spread); the hits always carry the nominal response")
        .choices(['nominal', 'birks', 'out-of-family'])
        .default('nominal'),
    )
    .option('--below-energy <GeV>', 'simulate only muons below this total energy (a sample enriched in stopping muons, e.g. 2)')
    .option('--json', 'machine-readable JSON output')
    .action(async (o: { out: string; days: string; seed: string; inject?: string; preset: string; generator: string; belowEnergy?: string; json?: boolean }) => {
      const days = parseNumber(o.days, '--days', (v) => v > 0 && v <= 366, 'a number of days in (0, 366]');
      const belowEnergyGeV = o.belowEnergy === undefined ? null : parseNumber(o.belowEnergy, '--below-energy', (v) => v > 0.106 && v <= 1e5, 'a total muon energy in GeV above the muon mass (0.106)');
      let inject: unknown = {};
      if (o.inject !== undefined) {
        const text = /^\s*[{]/.test(o.inject) ? o.inject : readTextFile(o.inject, '--inject');
        const parsed = InjectSchema.safeParse(parseJson(text, '--inject'));
        if (!parsed.success) throw new ValidationError('--inject is not a valid injection', formatZodIssues(parsed.error.issues));
        inject = parsed.data;
      }
      const preset = o.preset === 'surface-protodune' ? SURFACE_PROTODUNE : { flux: {} };
      const generator = o.generator === 'birks' ? { generator: { recombination: BIRKS_ICARUS } } : o.generator === 'out-of-family' ? OUT_OF_FAMILY_GENERATOR : {};
      const flux = { ...preset.flux, ...(belowEnergyGeV === null ? {} : { simulateBelowEnergyGeV: belowEnergyGeV }) };
      const { input: hits } = cosmicsPlugin().simulate({ ...preset, ...generator, flux, days, inject: inject as never }, createRng(o.seed).fork('day-0').fork('simulate'));
      await writeHitFile(o.out, hits);
      const out = { out: o.out, days, seed: o.seed, preset: o.preset, generator: o.generator, belowEnergyGeV, events: hits.events.count, hits: hits.hits.count, views: hits.views.map((v) => v.name) };
      if (o.json) io.out(toJson(out));
      else io.out(`wrote ${out.hits} hits of ${out.events} triggers (${days} day(s), views ${out.views.join(', ')}) to ${o.out}`);
    });
}

/**
 * `nucal dune dedx-check --input data.h5 --reference reference.h5`: the stopping-muon dE/dx
 * versus residual range of the data against a reference simulated with the nominal model, each
 * calibrated by its own chain (`dedxCheck` of @nucal/cosmics); reports per bin the two shapes
 * and their ratio and whether they differ. Exit code 0 either way: `differ` is the verdict.
 */
export function duneDedxCheckCommand(cli: CliContext): Command {
  const { io } = cli;
  return new Command('dedx-check')
    .description('stopping-muon dE/dx shape of data against a nominal simulation: flags a wrong recombination (or diffusion, noise, gain) model')
    .requiredOption('--input <file>', 'HDF5 hit file of the data')
    .requiredOption('--reference <file>', 'HDF5 hit file simulated with the nominal model (nucal dune simulate), ideally with twice the stopping muons of the data')
    .option('--seed <s>', 'random seed of the templates and the bootstrap', '0')
    .option('--replicas <n>', 'bootstrap replicas over tracks', '400')
    .option('--alpha <p>', 'p-value below which the shapes differ', '0.001')
    .option('--json', 'machine-readable JSON output')
    .action(async (o: { input: string; reference: string; seed: string; replicas: string; alpha: string; json?: boolean }) => {
      const replicas = parseNumber(o.replicas, '--replicas', (v) => Number.isInteger(v) && v >= 50 && v <= 100_000, 'an integer from 50 to 100000');
      const alpha = parseNumber(o.alpha, '--alpha', (v) => v > 0 && v < 1, 'a probability in (0, 1)');
      const [data, reference] = [await readHitFile(o.input), await readHitFile(o.reference)];
      const t = dedxCheck(data, reference, createRng(o.seed), { replicas, alpha });
      const value = (v: number, e: number) => ({ value: v, error: e, unit: '1' as const });
      const out = {
        input: o.input,
        reference: o.reference,
        seed: o.seed,
        dataTracks: t.dataTracks,
        referenceTracks: t.referenceTracks,
        windowCm: { low: t.window[0], high: t.window[1] },
        replicas: t.replicas,
        chi2: t.chi2,
        ndof: t.ndof,
        pValue: t.pValue,
        alpha: t.alpha,
        differ: t.differ,
        bins: Array.from(t.binLowCm, (low, i) => ({
          residualRangeCm: { low, high: t.binHighCm[i]! },
          data: value(t.dataShape[i]!, t.dataShapeError[i]!),
          reference: value(t.referenceShape[i]!, t.referenceShapeError[i]!),
          ratio: value(t.ratio[i]!, t.ratioError[i]!),
        })),
      };
      if (o.json) {
        io.out(toJson(out));
        return;
      }
      const f = (v: number, e: number) => `${v.toFixed(4)} +- ${e.toFixed(4)}`;
      io.out(table(['residual range, cm', 'data', 'reference', 'data / reference'], out.bins.map((b) => [`${b.residualRangeCm.low}-${b.residualRangeCm.high}`, f(b.data.value, b.data.error), f(b.reference.value, b.reference.error), f(b.ratio.value, b.ratio.error)])));
      io.out(`${t.dataTracks} stopping muons in the data, ${t.referenceTracks} in the reference; shapes normalised at ${t.window[0]}-${t.window[1]} cm`);
      io.out(`chi2 ${t.chi2.toFixed(1)} / ${t.ndof}, p = ${t.pValue.toPrecision(3)}: ${t.differ ? `the data DIFFER from the reference (p < ${t.alpha})` : `consistent with the reference (p >= ${t.alpha})`}`);
      if (t.differ) {
        // where: the bins furthest from 1 in their own errors (diagonal; the chi2 uses the full covariance)
        const worst = out.bins
          .map((b) => ({ b, pull: (b.ratio.value - 1) / b.ratio.error }))
          .sort((x, y) => Math.abs(y.pull) - Math.abs(x.pull))
          .slice(0, 3)
          .map(({ b, pull }) => `${b.residualRangeCm.low}-${b.residualRangeCm.high} cm ${b.ratio.value >= 1 ? '+' : ''}${(100 * (b.ratio.value - 1)).toFixed(1)}% (${pull.toFixed(1)} sigma)`);
        io.out(`largest differences: ${worst.join(', ')}`);
      }
    });
}
