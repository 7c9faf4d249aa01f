import { Command, Option } from 'commander';
import { measurement, NotFoundError, parseTime, runCalibration, timeToJson, ValidationError, type Measurement, type PlotSpec } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { pointStudy, runScenario, SCENARIO_NAMES, uniformityPlugin, type PointStudyResult, type ScenarioResult } from '@nucal/uniformity';
import { calibrationContext } from '../calibration-context.js';
import type { CliContext } from '../context.js';
import { showMeasurement, table, toJson } from '../format.js';
import { openDb } from '../open-db.js';
import { JunoUniformityOutputSchema, type JunoUniformityOutput, type JunoUniformityRow } from '../output/juno-uniformity-output.js';
import { parseInteger } from '../parse-args.js';
import { writePlots } from '../render-plots.js';
import { scenarioCalibrationSample, WRITABLE_SCENARIOS } from '../uniformity-scenario-sample.js';

interface UniformityFlags {
  scenario: string;
  seed: string;
  eventsPerEnergy: string;
  eventsPerPoint: string;
  calibrationEvents?: string;
  pointStudy?: boolean;
  studyCandidates: string;
  db?: string;
  tagPrefix: string;
  since: string;
  globalTag?: string;
  plots?: string;
  json?: boolean;
}

/**
 * The scenarios named by `--scenario`: one name, `all` (the ladder in order) or a comma list;
 * an unknown name is refused listing the known ones.
 *
 * @example scenarioList('central,finite-points') // ['central', 'finite-points']
 */
export function scenarioList(text: string): string[] {
  const names = text.trim() === 'all' ? [...SCENARIO_NAMES] : text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !SCENARIO_NAMES.includes(n));
  if (unknown.length || names.length === 0) throw new NotFoundError(`scenario "${unknown[0] ?? text}" is unknown: expected all or one of ${SCENARIO_NAMES.join(', ')}`);
  return [...new Set(names)];
}

const UNITS = { a: '% sqrt(MeV)', b: '%', c: '% MeV', aEff: '%' } as const;

/**
 * `nucal juno uniformity`: the non-uniformity scenario ladder of the JUNO-like detector
 * (`@nucal/uniformity`'s runScenario): per scenario the resolution terms a, b, c and a_eff
 * with their errors and the energy-scale bias; with `--db` the scenario's finite-points map is
 * calibrated by the juno.uniformity plugin through the calibration host and written as an IOV;
 * with `--point-study` the a_eff-versus-points study.
 */
export function junoUniformityCommand(cli: CliContext): Command {
  return new Command('uniformity')
    .description(`energy resolution (a, b, c, a_eff) and energy-scale bias of the non-uniformity scenario ladder; --db writes a finite-points scenario's map as a juno.uniformity run IOV (the calibration alone: nucal calibrate juno.uniformity)`)
    .requiredOption('--scenario <name|all>', `all, one scenario or a comma list: ${SCENARIO_NAMES.join(', ')}`)
    .option('--seed <seed>', 'random seed (any text)', '1')
    .option('--events-per-energy <n>', 'positrons per kinetic energy (17 energies, 0-8 MeV)', '200000')
    .option('--events-per-point <n>', 'n-H source events per calibration point (finite-points scenarios)', '20000')
    .option('--calibration-events <n>', 'positron calibration events of the ideal and phi-symmetric voxel maps (default: the larger of 17 x --events-per-energy and 10,000,000)')
    .option('--point-study', 'also optimise the CLS points and measure a_eff against the number of points (finite-points scenario; minutes at full statistics)')
    .option('--study-candidates <n>', 'candidates tried per greedy step of the point optimiser', '40')
    .addOption(new Option('--db <url>', `write the map of a finite-points scenario (${WRITABLE_SCENARIOS.join(', ')}) as a juno.uniformity IOV to this database (SQLite file path or postgres:// URL; NUCAL_DB is not used: the ladder is a study)`))
    .option('--tag-prefix <prefix>', 'tags are <prefix>.<record>', 'mc')
    .option('--since <run>', 'first run of validity of the written map (RUN[:SUBRUN])', '1')
    .option('--global-tag <name>', 'also map juno.uniformity to its tag in this (open) global tag')
    .option('--plots <dir>', 'write SVG plots here: sigma/E with the fit, the g map with the points, PE/MeV vs r (and a_eff vs points)')
    .option('--json', 'machine-readable JSON output (schema: nucal schema "juno uniformity")')
    .action(async (o: UniformityFlags) => {
      const names = scenarioList(o.scenario);
      const eventsPerEnergy = parseInteger(o.eventsPerEnergy, '--events-per-energy', 1000);
      const eventsPerPoint = parseInteger(o.eventsPerPoint, '--events-per-point', 100);
      const calibrationEvents = o.calibrationEvents === undefined ? undefined : parseInteger(o.calibrationEvents, '--calibration-events', 1000);
      const candidates = parseInteger(o.studyCandidates, '--study-candidates', 1, 1000);
      if (o.pointStudy && !names.includes('finite-points')) throw new ValidationError('--point-study evaluates the finite-points scenario: give --scenario finite-points (or all)');
      const since = parseTime(o.since, 'run');
      if (o.db !== undefined && (names.length !== 1 || !WRITABLE_SCENARIOS.includes(names[0]!))) {
        throw new ValidationError(`--db writes the map of one finite-points scenario, got --scenario ${o.scenario}: expected one of ${WRITABLE_SCENARIOS.join(', ')}`);
      }
      // Open (and so check) the database first: a wrong --db must not cost the ladder.
      const db = o.db !== undefined ? await openDb(cli, { url: o.db, mode: 'write', json: o.json }) : undefined;
      const rows: JunoUniformityOutput = [];
      try {
        for (const name of names) {
          const r = runScenario(name, { seed: o.seed, eventsPerEnergy, eventsPerPoint, ...(calibrationEvents !== undefined ? { idealCalibrationEvents: calibrationEvents } : {}), plots: o.plots !== undefined });
          if (!o.json) cli.io.err(`${name}: a_eff ${showMeasurement(pct(r.aEff, UNITS.aEff))} % (${r.seconds.toFixed(1)} s)`);
          const row = toRow(r);
          let plots: PlotSpec[] = r.plots.map((p) => (p.name === 'pe-per-mev-vs-r' ? { ...p, name: `pe-per-mev-vs-r-${name}` } : p));
          if (o.pointStudy && name === 'finite-points') {
            const study = pointStudy({
              optimise: { seed: o.seed, eventsPerPoint: Math.min(3000, eventsPerPoint), candidatesPerStep: candidates },
              run: { seed: o.seed, eventsPerEnergy: Math.min(100_000, eventsPerEnergy), eventsPerPoint: Math.min(10_000, eventsPerPoint) },
            });
            row.pointStudy = studyRow(study);
            plots = [...plots, study.plot];
          }
          if (db) {
            const t0 = performance.now();
            const sample = scenarioCalibrationSample(name, { seed: r.settings.seed, eventsPerPoint });
            const rng = createRng(o.seed).fork(`uniformity-db/${name}`);
            const ctx = calibrationContext(cli.io, rng, o);
            const run = await runCalibration(uniformityPlugin(), sample, {
              at: since, rng, logger: ctx.logger, progress: ctx.progress,
              writer: db.writer(), tagPrefix: o.tagPrefix, ...(o.globalTag !== undefined ? { globalTag: o.globalTag } : {}),
            });
            row.written = { since: timeToJson(since), payloads: [...run.written], summary: { ...run.result.summary, wallTime: measurement((performance.now() - t0) / 1000, 0, 's') } };
          }
          if (o.plots !== undefined) row.plots = await writePlots(o.plots, plots, 'juno-uniformity-');
          rows.push(row);
        }
      } finally {
        await db?.close();
      }
      const out = JunoUniformityOutputSchema.parse(rows);
      cli.io.out(o.json ? toJson(out) : humanReport(out));
    });
}

const pct = (v: { value: number; error: number }, unit: string): Measurement => measurement(v.value, v.error, unit);

function toRow(r: ScenarioResult): JunoUniformityRow {
  return {
    scenario: r.scenario,
    description: r.description,
    buildsOn: r.buildsOn,
    a: pct(r.a, UNITS.a),
    b: pct(r.b, UNITS.b),
    c: pct(r.c, UNITS.c),
    aEff: pct(r.aEff, UNITS.aEff),
    biasPct: r.biasPct,
    maxAbsBiasPct: r.maxAbsBiasPct,
    fit: { chi2: r.fit.chi2, ndof: r.fit.ndof, pValue: r.fit.pValue, valid: r.fit.valid },
    calibration: {
      kind: r.calibration.kind,
      y0PePerMeV: r.calibration.y0PePerMeV,
      darkOffsetPe: r.calibration.darkOffsetPe,
      trueCentrePeMeV: r.calibration.trueCentrePeMeV,
      ...(r.calibration.points !== undefined ? { points: r.calibration.points } : {}),
      ...(r.calibration.voxels !== undefined ? { voxels: r.calibration.voxels } : {}),
    },
    energies: r.energies.map((e, i) => ({
      kineticMeV: e.kineticMeV,
      visibleMeV: e.visibleMeV,
      mean: measurement(e.meanMeV, e.meanErrorMeV, 'MeV'),
      sigma: measurement(e.sigmaMeV, e.sigmaErrorMeV, 'MeV'),
      sigmaOverE: measurement(e.sigmaOverEPercent, e.errorPercent, '%'),
      biasPct: r.biasByEnergyPct[i]!,
    })),
    settings: { seed: r.settings.seed, eventsPerEnergy: r.settings.eventsPerEnergy, eventsPerPoint: r.settings.eventsPerPoint },
    wallTime: measurement(r.seconds, 0, 's'),
    plots: [],
  };
}

function studyRow(s: PointStudyResult): NonNullable<JunoUniformityRow['pointStudy']> {
  const m = (v: { value: number; error: number }) => pct(v, UNITS.aEff);
  return {
    anchorsDeg: s.optimiser.anchorsDeg,
    reachablePoints: s.optimiser.reachable,
    greedy: s.greedy.map((g) => ({ points: g.points, aEff: m(g.aEff) })),
    random: s.random.map((g) => ({ points: g.points, aEff: m(g.aEff) })),
    smallest: { points: s.smallest.points, aEff: m(s.smallest.aEff), referencePoints: s.smallest.referencePoints, referenceAEff: m(s.smallest.referenceAEff), tolerance: measurement(s.smallest.toleranceAbsPct, 0, '%') },
    wallTime: measurement(s.seconds, 0, 's'),
  };
}

/** The human view: the ladder table, then what was written, the point study and the plots. */
function humanReport(rows: JunoUniformityOutput): string {
  const lines = [
    table(
      ['scenario', 'a (% sqrt(MeV))', 'b (%)', 'c (% MeV)', 'a_eff (%)', 'bias (%)', 'fit', 's'],
      rows.map((r) => [r.scenario, showMeasurement(r.a), showMeasurement(r.b), showMeasurement(r.c), showMeasurement(r.aEff), r.biasPct.toFixed(3), r.fit.valid ? `${r.fit.chi2.toFixed(1)}/${r.fit.ndof}` : 'INVALID', r.wallTime.value.toFixed(1)]),
    ),
    'a_eff = sqrt(a^2 + (1.6 b)^2 + (c/1.6)^2); bias: energy scale of events over the whole volume relative to central events, mean over 0-8 MeV',
  ];
  for (const r of rows) {
    if (r.written) {
      const s = r.written.summary;
      lines.push(`${r.scenario}: wrote ${r.written.payloads.map((w) => `${w.tag}${w.inserted ? '' : ' (unchanged)'}`).join(', ')} since ${r.written.since.text}: ${s.pointsUsed?.value} points, Y0 ${showMeasurement(s.y0PePerMeV!)} PE/MeV, g ${s.gMin?.value.toFixed(3)}-${s.gMax?.value.toFixed(3)}`);
    }
    if (r.pointStudy) {
      const p = r.pointStudy;
      lines.push(`point study (${r.scenario}, anchors ${p.anchorsDeg.join('/')} deg): a_eff ${p.greedy.map((g) => `${g.points}: ${g.aEff.value.toFixed(3)}`).join(', ')} %; random ${p.random.map((g) => g.aEff.value.toFixed(3)).join(', ')} %; smallest set within ${p.smallest.tolerance.value} % of ${p.smallest.referencePoints} points: ${p.smallest.points} points`);
    }
    if (r.plots.length) lines.push(`plots: ${r.plots.join(', ')}`);
  }
  return lines.join('\n');
}
