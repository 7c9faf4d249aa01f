import type { FastifyInstance } from 'fastify';
import { NotFoundError, type PlotSpec, type Time } from '@nucal/core';
import { timeFromText } from '@nucal/conditions-service';
import { iovsForPlot, payloadsOf } from '../browser-data.js';
import type { BrowserContext } from '../browser-context.js';
import { sendCached } from '../http-answers.js';
import { HashParam, NameParam, NoQuery, parsePart, PlotName, RangeQuery } from '../request.js';
import { payloadUrl } from '../pages/parts.js';
import { plotsOf } from './record-plots.js';
import { iovTimelinePlot } from './timeline-plot.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** URL of a plot of a tag. */
export const tagPlotUrl = (tag: string, plot: string): string => `/api/v1/plots/tags/${encodeURIComponent(tag)}/${plot}`;
/** URL of a plot of a payload. */
export const payloadPlotUrl = (hash: string, plot: string): string => `/api/v1/plots/payloads/${hash}/${plot}`;

/** The plots of a tag: its timeline, then its record's constants over time. */
export async function tagPlots(ctx: BrowserContext, tag: string): Promise<{ name: string; title: string; url: string }[]> {
  const info = await ctx.db.getTag(tag);
  return [{ name: 'timeline', title: `IOVs of tag ${tag}` }, ...plotsOf(ctx.plots, info.record).overTime].map((p) => ({ name: p.name, title: p.title, url: tagPlotUrl(tag, p.name) }));
}

/** The plots of a payload, by its record. */
export async function payloadPlots(ctx: BrowserContext, hash: string, record: { name: string; version: number }): Promise<{ name: string; title: string; url: string }[]> {
  return plotsOf(ctx.plots, record).payload.map((p) => ({ name: p.name, title: p.title, url: payloadPlotUrl(hash, p.name) }));
}

/**
 * The plot endpoints, Vega-Lite specs as data (`{ name, title, spec }`), built from stored
 * payloads by the same builders the calibrations and the CLI use:
 * - `GET /api/v1/plots/tags/:name`: the plots of a tag (`{ items: [{ name, title, url }] }`);
 * - `GET /api/v1/plots/tags/:name/timeline`: the IOV timeline; `.../:plot`: the record's
 *   constants over time (e.g. `lifetime-over-time`), both with optional `from`/`to`;
 * - `GET /api/v1/plots/payloads/:hash` and `.../:hash/:plot` (e.g. `electron-nonlinearity`).
 * A plot is not cached as immutable even of a payload: it is drawn by code that a new version
 * may change, so answers are revalidated by ETag after a few seconds.
 */
export function registerPlotRoutes(app: FastifyInstance, ctx: BrowserContext): void {
  const { db } = ctx;
  const send = (req: Parameters<typeof sendCached>[0], reply: Parameters<typeof sendCached>[1], value: unknown) => sendCached(req, reply, JSON.stringify(value), JSON_TYPE);

  app.get('/api/v1/plots/tags/:name', async (req, reply) => {
    const { name } = parsePart(NameParam, req.params, 'path');
    parsePart(NoQuery, req.query, 'query');
    return send(req, reply, { items: await tagPlots(ctx, name) });
  });

  app.get('/api/v1/plots/tags/:name/:plot', async (req, reply) => {
    const { name } = parsePart(NameParam, req.params, 'path');
    const plot = parsePart(PlotName, (req.params as { plot?: unknown }).plot, 'path');
    const q = parsePart(RangeQuery, req.query, 'query');
    const tag = await db.getTag(name);
    const time = (t: string | undefined, what: string): Time | undefined => (t === undefined ? undefined : timeFromText(t, tag.timeType, what));
    const from = time(q.from, 'from');
    const to = time(q.to, 'to');
    const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
    let spec: PlotSpec;
    if (plot === 'timeline') {
      spec = iovTimelinePlot(tag, await iovsForPlot(db, name, range), payloadUrl);
    } else {
      const def = plotsOf(ctx.plots, tag.record).overTime.find((p) => p.name === plot);
      if (!def) throw new NotFoundError(`tag ${name} (record ${tag.record.name}@${tag.record.version}) has no plot "${plot}": expected one of ${(await tagPlots(ctx, name)).map((p) => p.name).join(', ')}`);
      const iovs = await iovsForPlot(db, name, range);
      if (iovs.length === 0) throw new NotFoundError(`tag ${name} has no IOV${from || to ? ' in the range given' : ''} to plot`);
      spec = def.build(await payloadsOf(db, iovs));
    }
    return send(req, reply, spec);
  });

  app.get('/api/v1/plots/payloads/:hash', async (req, reply) => {
    const { hash } = parsePart(HashParam, req.params, 'path');
    parsePart(NoQuery, req.query, 'query');
    const p = await db.getPayload(hash);
    return send(req, reply, { items: await payloadPlots(ctx, hash, p.record) });
  });

  app.get('/api/v1/plots/payloads/:hash/:plot', async (req, reply) => {
    const { hash } = parsePart(HashParam, req.params, 'path');
    const plot = parsePart(PlotName, (req.params as { plot?: unknown }).plot, 'path');
    parsePart(NoQuery, req.query, 'query');
    const p = await db.getPayload(hash);
    const def = plotsOf(ctx.plots, p.record).payload.find((d) => d.name === plot);
    if (!def) throw new NotFoundError(`payload ${hash.slice(0, 12)} (record ${p.record.name}@${p.record.version}) has no plot "${plot}"`);
    return send(req, reply, def.build(JSON.parse(p.canonicalData)));
  });
}
