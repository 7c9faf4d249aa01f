import type { FastifyInstance } from 'fastify';
import type { ConditionsDb } from '@nucal/conditions-db';
import type { BrowserContext } from './browser-context.js';
import { registerPageRoutes } from './page-routes.js';
import { registerPlotRoutes } from './plots/plot-routes.js';
import { BUILTIN_RECORD_PLOTS, type RecordPlots } from './plots/record-plots.js';
import { loadStaticAssets } from './static-assets.js';

/** Options of {@link registerConditionsBrowser}. */
export interface BrowserOptions {
  /** The database the service reads (the same `db` given to `createConditionsService`). */
  readonly db: ConditionsDb;
  /** Plots of further records (e.g. a new calibration's), offered beside the built-in ones. */
  readonly plots?: readonly RecordPlots[];
}

/** Seconds the browser may keep the scripts and the style sheet. */
const STATIC_MAX_AGE_S = 3600;

/**
 * Registers the conditions browser on a conditions service's fastify instance, before it
 * listens: the pages at `/` (global tags and tags, a tag's IOV timeline and constants over
 * time, a payload's provenance, fit summary and plots, diffs of two tags or global tags), the
 * plot endpoints under `/api/v1/plots/` (Vega-Lite specs from stored payloads) and the
 * scripts under `/static/` (vega, vega-lite and vega-embed from node_modules: no CDN).
 *
 * The pages read the database without a token: register the browser only on a service whose
 * reads are public (the plot endpoints are under `/api/` and follow the service's read rule).
 *
 * @example
 * const app = createConditionsService({ db });
 * registerConditionsBrowser(app, { db });
 * await app.listen({ port: 8080 }); // http://127.0.0.1:8080/
 */
export function registerConditionsBrowser(app: FastifyInstance, opts: BrowserOptions): void {
  const ctx: BrowserContext = { db: opts.db, plots: [...BUILTIN_RECORD_PLOTS, ...(opts.plots ?? [])] };
  const assets = loadStaticAssets();
  app.get('/static/:file', async (req, reply) => {
    const asset = assets.get((req.params as { file: string }).file);
    if (!asset) return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(`no static file ${(req.params as { file: string }).file.slice(0, 100)}`);
    return reply.header('cache-control', `public, max-age=${STATIC_MAX_AGE_S}`).type(asset.contentType).send(asset.body);
  });
  registerPageRoutes(app, ctx);
  registerPlotRoutes(app, ctx);
}
