import { Command, Option } from 'commander';
import { measurement, parseTime, runCalibration, timeFromJson, timeToJson, timestampTime, ValidationError, type Time } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { calibrationContext } from '../calibration-context.js';
import type { CliContext } from '../context.js';
import { noDbOption, writeDbOption } from '../db-option.js';
import { showMeasurement, showTime, table, toJson } from '../format.js';
import { openDb } from '../open-db.js';
import { CalibrateOutputSchema, type CalibrateOutput } from '../output/calibrate-output.js';
import { parseInteger, parseJson } from '../parse-args.js';
import { readTextFile } from '../read-text-file.js';
import { writePlots } from '../render-plots.js';
import type { PluginEntry } from '../registry/plugin-entry.js';
import { registeredPlugins } from '../registry/registry.js';
import { collectOptions, deriveOptions, toCommanderOptions, type DerivedOption } from '../registry/zod-options.js';

const DAY_NS = 86_400n * 1_000_000_000n;

interface CommonOptions {
  seed: string;
  since?: string;
  days?: string;
  input?: string;
  db?: string | false;
  tagPrefix: string;
  globalTag?: string;
  plots?: string;
  json?: boolean;
}

/**
 * The command that runs one registered calibration through the host: the common options
 * (`--db`, `--tag-prefix`, `--since`, `--global-tag`, `--seed`, `--plots`, `--json`,
 * `--input`, and `--days` for daily calibrations), the plugin's own options derived from its
 * schema (`--<path>`), its simulation's (`--sim.<path>`) and the detector's short flags.
 */
export function calibrationCommand(cli: CliContext, entry: PluginEntry, name: string = entry.id): Command {
  const optionFlags = deriveOptions(entry.options);
  const simFlags = deriveOptions(entry.simulation, ['sim']);
  const cmd = new Command(name)
    .description(`${entry.description}; writes ${entry.records.map((r) => r.name).join(', ')} as ${entry.timeType} IOVs`)
    .option('--seed <seed>', 'random seed (any text)', '1')
    .option('--since <time>', `first time of validity (${entry.timeType === 'run' ? 'RUN[:SUBRUN]' : 'ISO-8601 date, UTC without a zone, or ns since the epoch'})`, entry.defaultSince)
    .option('--input <file>', 'calibrate this recorded sample instead of simulating one')
    .addOption(writeDbOption(cli.env))
    .addOption(noDbOption())
    .option('--tag-prefix <prefix>', 'tags are <prefix>.<record>', entry.defaultTagPrefix)
    .option('--global-tag <name>', 'also map the written records to their tags in this (open) global tag')
    .option('--plots <dir>', 'write SVG plots here')
    .option('--json', 'machine-readable JSON output (schema: nucal schema calibrate)');
  if (entry.daily) cmd.option('--days <n>', 'detector-days to calibrate, one IOV per day', '1');
  for (const s of entry.shortcuts ?? []) cmd.option(s.flags, `${s.description} (= --${s.sets})`);
  for (const o of [...toCommanderOptions(optionFlags), ...toCommanderOptions(simFlags)]) cmd.addOption(o.hideHelp(false));
  cmd.action(async (o: CommonOptions & Record<string, unknown>) => {
    const output = await runEntry(cli, entry, o, optionFlags, simFlags);
    if (o.json) cli.io.out(toJson(output));
    else cli.io.out(humanReport(output));
  });
  return cmd;
}

async function runEntry(cli: CliContext, entry: PluginEntry, o: CommonOptions & Record<string, unknown>, optionFlags: DerivedOption[], simFlags: DerivedOption[]): Promise<CalibrateOutput> {
  const raw: Record<string, unknown> = { ...o };
  // A short flag sets a derived option, or (for a whole object, e.g. --inject) a JSON preset.
  const presets: { options: Record<string, unknown>; sim: Record<string, unknown> } = { options: {}, sim: {} };
  for (const s of entry.shortcuts ?? []) {
    const value = raw[new Option(s.flags).attributeName()];
    if (value === undefined) continue;
    const target = new Option(`--${s.sets} <v>`).attributeName();
    if ([...optionFlags, ...simFlags].some((f) => f.flag === `--${s.sets}`)) {
      if (raw[target] === undefined) raw[target] = value;
      continue;
    }
    const path = s.sets.split('.');
    // a whole object: JSON when it starts like one, else the path of a JSON file
    const json = parseJson(jsonOrFile(String(value), s.flags.split(' ')[0]!, /^\s*[[{]/), s.flags.split(' ')[0]!);
    const [root, ...rest] = path[0] === 'sim' ? ['sim', ...path.slice(1)] : ['options', ...path];
    let cur = presets[root as 'options' | 'sim'];
    rest.slice(0, -1).forEach((k) => (cur = (cur[k] ??= {}) as Record<string, unknown>));
    cur[rest[rest.length - 1]!] = json;
  }
  const given = new Set([...optionFlags, ...simFlags].filter((f) => raw[new Option(`${f.flag} <v>`).attributeName()] !== undefined).map((f) => f.flag.slice(2)));
  for (const f of simFlags.filter((x) => x.kind === 'json')) {
    const attr = new Option(`${f.flag} <v>`).attributeName();
    const text = raw[attr];
    if (typeof text === 'string') raw[attr] = jsonOrFile(text, f.flag);
  }
  const options = collectOptions(entry.options, [], optionFlags, raw, presets.options);
  let simulation = collectOptions(entry.simulation, ['sim'], simFlags, raw, presets.sim) as Record<string, unknown>;
  simulation = entry.tuneSimulation?.(simulation, given) ?? simulation;
  const first = parseTime(o.since ?? entry.defaultSince, entry.timeType);
  const days = entry.daily ? parseInteger(o.days ?? '1', '--days', 1, 366) : 1;
  if (days > 1 && first.kind !== 'timestamp') throw new ValidationError('--days needs a timestamp --since');
  const input = o.input !== undefined ? await readInput(entry, o.input) : undefined;
  if (input !== undefined && days > 1) throw new ValidationError('--input calibrates one recorded sample: give --days 1');
  // Open (and so check) the database before the calibration: a wrong --db must not cost a fit.
  const db = typeof o.db === 'string' ? await openDb(cli, { url: o.db, mode: 'write', json: o.json }) : undefined;
  const plugin = entry.create(options);
  const rng = createRng(o.seed);
  const runs: CalibrateOutput['runs'] = [];
  try {
    for (let d = 0; d < days; d++) {
      const t0 = performance.now();
      const runRng = entry.daily ? rng.fork(`day-${d}`) : rng;
      const at: Time = first.kind === 'timestamp' ? timestampTime(first.ns + BigInt(d) * DAY_NS) : first;
      const sim = input === undefined ? plugin.simulate(simulation as never, runRng.fork('simulate')) : undefined;
      const ctx = calibrationContext(cli.io, runRng, o);
      const run = await runCalibration(plugin, input ?? sim!.input, {
        at,
        rng: runRng.fork('calibrate'),
        logger: ctx.logger,
        progress: ctx.progress,
        ...(db ? { writer: db.writer(), tagPrefix: o.tagPrefix } : {}),
        ...(db && o.globalTag !== undefined ? { globalTag: o.globalTag } : {}),
      });
      const plots = o.plots && d === days - 1 ? await writePlots(o.plots, run.result.plots, `${entry.detector}-`) : [];
      runs.push({
        since: timeToJson(at),
        summary: { ...run.result.summary },
        fits: { ...run.result.fits },
        written: [...run.written],
        conditionsUsed: run.used.map((u) => ({ record: `${u.record.name}@${u.record.version}`, tag: u.tag, hash: u.hash, since: timeToJson(u.since) })),
        plots,
        wallTime: measurement((performance.now() - t0) / 1000, 0, 's'),
        // beside the run, never inside the calibration: closure reports compare with it
        ...(sim ? { truth: JSON.parse(toJson(sim.truth)) as unknown } : {}),
      });
    }
  } catch (err) {
    await db?.close().catch(() => undefined);
    throw err;
  }
  await db?.close();
  return CalibrateOutputSchema.parse({ plugin: { id: plugin.id, version: plugin.version }, detector: entry.detector, input: input === undefined ? 'simulated' : 'file', runs });
}

/** JSON text as given when it starts like JSON (`looksLikeJson`), else the text of the JSON file it names. */
function jsonOrFile(text: string, flag: string, looksLikeJson = /^\s*[[{"\d-]/): string {
  return looksLikeJson.test(text) ? text : readTextFile(text, flag);
}

async function readInput(entry: PluginEntry, file: string): Promise<unknown> {
  if (entry.readInputFile) return entry.readInputFile(file);
  const text = readTextFile(file, '--input');
  if (entry.readInput) {
    try {
      return entry.readInput(text, file);
    } catch (err) {
      if (err instanceof SyntaxError) throw new ValidationError(`--input ${file} is not valid JSON: ${err.message}`);
      throw err;
    }
  }
  return parseJson(text, `--input ${file}`);
}

/** The human view: per run, the summary table, the fits and what was written. */
function humanReport(out: CalibrateOutput): string {
  const lines: string[] = [`${out.plugin.id} ${out.plugin.version} (${out.input} input)`];
  for (const r of out.runs) {
    lines.push(`\nfrom ${r.since.text}:`);
    lines.push(table(['quantity', 'value', 'unit'], Object.entries(r.summary).map(([k, m]) => [k, showMeasurement(m), m.unit])));
    const fits = Object.entries(r.fits).filter(([, f]) => f.ndof > 0);
    if (fits.length) {
      lines.push(table(['fit', 'chi2/ndof', 'p-value', 'valid'], fits.map(([k, f]) => {
        // a fit whose p-value could not be computed carries null (JSON has no NaN)
        const p = (f as { pValue?: number | null }).pValue;
        return [k, `${f.chi2.toFixed(1)}/${f.ndof}`, p == null ? '-' : `${p.toPrecision(2)}${p < 1e-3 ? ' LOW' : ''}`, f.valid ? 'yes' : 'NO'];
      })));
    }
    if (r.written.length) lines.push(`wrote ${r.written.map((w) => `${w.tag}${w.inserted ? '' : ' (unchanged)'}`).join(', ')} since ${showTime(timeFromJson(r.since))}`);
    if (r.plots.length) lines.push(`plots: ${r.plots.join(', ')}`);
    lines.push(`wall time ${r.wallTime.value.toFixed(1)} s`);
  }
  return lines.join('\n');
}

/** `nucal calibrate <plugin-id>`: every registered calibration as a subcommand. */
export function calibrateCommand(cli: CliContext): Command {
  const cmd = new Command('calibrate').description(`run a registered calibration through the calibration host: ${registeredPlugins().map((p) => p.id).join(', ')} (nucal plugins list)`);
  for (const e of registeredPlugins()) cmd.addCommand(calibrationCommand(cli, e));
  return cmd;
}
