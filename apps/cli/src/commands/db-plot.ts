import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { parseInstant, parseTime, timeToJson, ValidationError, type Time } from '@nucal/core';
import type { ConditionsDb, IovInfo } from '@nucal/conditions-db';
import { plot, points, timeAxisOf, type TopLevelSpec } from '@nucal/numeric';
import { emit, type CliContext, type DbOptions } from '../context.js';
import { numberAt, parseFieldPath } from '../field-path.js';
import { showTime, table } from '../format.js';
import { renderSvg } from '../render-plots.js';
import { dbCommandKit } from './db-command-kit.js';

/** Most IOVs one plot reads (a page of listIovs is at most 10,000). */
const MAX_POINTS = 100_000;
const PAGE = 10_000;

type PlotOptions = DbOptions & { tag: string; field: string; errorField?: string; out?: string; from?: string; to?: string; asOf?: string; title?: string };

/** One point of the plot: an effective IOV and the value read from its payload. */
export interface PlotPoint {
  readonly since: Time;
  readonly until: Time | null;
  readonly hash: string;
  readonly value: number;
  readonly error?: number;
}

/**
 * `nucal db plot --tag <tag> --field <path> [--error-field <path>] [--out f.svg|f.json]`: a
 * constant against time, one point per effective IOV at its since, as a Vega-Lite spec from
 * the numeric plot kit: rendered to SVG like the calibrations' plots, or written as the spec
 * itself (`.json`), which a browser opens with vega-embed unchanged.
 */
export function addPlotCommand(cli: CliContext, db: Command): void {
  const { dbOptions, using } = dbCommandKit(cli);
  dbOptions(
    db
      .command('plot')
      .description('plot a constant of a tag against time: one point per effective IOV, the value at a dotted path of its payload')
      .requiredOption('--tag <tag>', 'the tag')
      .requiredOption('--field <path>', 'dotted path of the value in the payload, e.g. fit.values.p0 or electronLifetimeMs.0')
      .option('--error-field <path>', 'dotted path of its error (drawn as error bars)')
      .option('--out <file>', 'write the plot: .svg (rendered) or .json (the Vega-Lite spec); without it the points are printed')
      .option('--from <time>', 'first time (the IOV covering it is included)')
      .option('--to <time>', 'end time (exclusive)')
      .option('--as-of <date>', 'ignore IOVs inserted after this date')
      .option('--title <text>', 'plot title (default: tag and field)'),
  ).action(async (o: PlotOptions) => {
    // everything that needs no database is checked before opening it
    const field = parseFieldPath(o.field, '--field');
    const errorField = o.errorField === undefined ? undefined : parseFieldPath(o.errorField, '--error-field');
    const format = o.out === undefined ? null : outFormat(o.out);
    const asOf = o.asOf !== undefined ? parseInstant(o.asOf, '--as-of') : undefined;
    const r = await using(o, 'read', async (d) => {
      const tag = await d.getTag(o.tag);
      const range = { ...(o.from !== undefined ? { from: parseTime(o.from, tag.timeType) } : {}), ...(o.to !== undefined ? { to: parseTime(o.to, tag.timeType) } : {}), ...(asOf ? { asOf } : {}) };
      const iovs = await effectiveIovs(d, o.tag, range);
      if (iovs.length === 0) throw new ValidationError(`tag ${o.tag} has no IOV${o.from !== undefined || o.to !== undefined ? ' in the range given' : ''} to plot: expected at least one`);
      const pts = await readPoints(d, iovs, { field, fieldText: o.field, errorField, errorText: o.errorField });
      return { tag: o.tag, record: tag.record, timeType: tag.timeType, field: o.field, errorField: o.errorField ?? null, points: pts };
    });
    const spec = constantPlot(r.tag, r.field, r.errorField, r.points, o.title);
    if (o.out !== undefined) writeFileSync(o.out, format === 'json' ? `${JSON.stringify(spec, null, 2)}\n` : await renderSvg({ name: 'constant', title: o.title ?? `${r.tag}: ${r.field}`, spec }));
    const result = { ...r, out: o.out ?? null };
    emit(cli.io, o, result, () =>
      o.out !== undefined
        ? `wrote ${r.points.length} point(s) of ${r.field} in tag ${r.tag} to ${o.out}`
        : table(['since', 'until', r.field, ...(r.errorField ? [r.errorField] : [])], r.points.map((p) => [showTime(p.since), showTime(p.until), p.value, ...(p.error !== undefined ? [p.error] : [])])),
    );
  });
}

function outFormat(file: string): 'svg' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.svg' || ext === '.json') return ext.slice(1) as 'svg' | 'json';
  throw new ValidationError(`--out ${file} has an unknown extension "${ext}": expected .svg (rendered plot) or .json (Vega-Lite spec)`);
}

/** Every effective IOV of the tag in the range, page by page. */
async function effectiveIovs(d: ConditionsDb, tag: string, range: { from?: Time; to?: Time; asOf?: Date }): Promise<IovInfo[]> {
  const out: IovInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await d.listIovs(tag, { ...range, limit: PAGE, ...(cursor !== undefined ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (out.length > MAX_POINTS) throw new ValidationError(`tag ${tag} has more than ${MAX_POINTS} IOVs in the range: expected fewer points for one plot (use --from/--to)`);
  } while (cursor !== undefined);
  return out;
}

/** The value (and error) at the paths in every IOV's payload; each payload is read once. */
async function readPoints(d: ConditionsDb, iovs: readonly IovInfo[], p: { field: string[]; fieldText: string; errorField: string[] | undefined; errorText: string | undefined }): Promise<PlotPoint[]> {
  const payloads = new Map<string, unknown>();
  const out: PlotPoint[] = [];
  for (const iov of iovs) {
    if (!payloads.has(iov.hash)) payloads.set(iov.hash, JSON.parse((await d.getPayload(iov.hash)).canonicalData));
    const data = payloads.get(iov.hash);
    const where = `the payload at since ${showTime(iov.since)} (${iov.hash.slice(0, 12)})`;
    const value = numberAt(data, p.field, '--field', where);
    const error = p.errorField === undefined ? undefined : numberAt(data, p.errorField, '--error-field', where);
    if (error !== undefined && error < 0) throw new ValidationError(`--error-field "${p.errorText}": ${where} holds ${error}: expected an error >= 0`);
    out.push({ since: iov.since, until: iov.until, hash: iov.hash, value, ...(error !== undefined ? { error } : {}) });
  }
  return out;
}

/**
 * The plot as a Vega-Lite spec: runs on a run axis (subruns as fractions of a run), timestamps
 * in days since the first point's UTC midnight (the kit's axes are quantitative).
 */
export function constantPlot(tag: string, field: string, errorField: string | null, pts: readonly PlotPoint[], title?: string): TopLevelSpec {
  // numeric's time axis (the sinces are in order, so its origin is the first one's UTC midnight), under this command's own title
  const { x, origin } = timeAxisOf(pts.map((p) => p.since));
  const xAxis = origin.kind === 'run' ? { label: 'run' } : { label: `time since ${timeToJson(origin).text.slice(0, 10)}`, unit: 'd' };
  return plot(
    {
      title: title ?? `${tag}: ${field}`,
      subtitle: [`one point per IOV at its since (${pts.length} IOV(s))${errorField ? `, error bars: ${errorField}` : ''}`],
      x: xAxis,
      y: { label: field },
    },
    [points({ x, y: pts.map((p) => p.value), ...(errorField ? { yError: pts.map((p) => p.error ?? 0) } : {}), series: tag })],
  );
}
