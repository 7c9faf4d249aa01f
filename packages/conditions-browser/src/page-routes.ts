import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseError, NucalError, ValidationError } from '@nucal/core';
import type { BrowserContext } from './browser-context.js';
import { sendCached } from './http-answers.js';
import { DiffQuery, HashOrPrefix, NameParam, NoQuery, parsePart } from './request.js';
import { globalTagDiffPage, tagDiffPage, type DiffPageData } from './pages/diff-page.js';
import { errorPage } from './pages/error-page.js';
import { globalTagPage } from './pages/global-tag-page.js';
import { homePage } from './pages/home-page.js';
import { payloadPage } from './pages/payload-page.js';
import { payloadUrl } from './pages/parts.js';
import { tagPage } from './pages/tag-page.js';
import { payloadPlots, tagPlots } from './plots/plot-routes.js';

const HTML = 'text/html; charset=utf-8';
/** IOVs listed on a tag's page (the timeline draws up to MAX_PLOT_IOVS; the API pages all). */
const IOVS_ON_PAGE = 1000;

const STATUS: Record<string, number> = { VALIDATION: 400, OUT_OF_RANGE: 400, PERMISSION: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** What a page handler returns: the page, or where to go instead. */
type PageAnswer = string | { readonly redirect: string };

/** A page handler whose refusals are pages too (the API's are JSON). */
function page(handler: (req: FastifyRequest) => Promise<PageAnswer>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    let body: PageAnswer;
    try {
      body = await handler(req);
    } catch (err) {
      if (!(err instanceof NucalError)) throw err;
      const status = err instanceof DatabaseError ? (err.reason === 'busy' || err.reason === 'unreachable' ? 503 : 500) : (STATUS[err.code] ?? 400);
      return reply.code(status).header('cache-control', 'no-store').type(HTML).send(errorPage(status, err.message));
    }
    if (typeof body !== 'string') return reply.redirect(body.redirect, 302);
    return sendCached(req, reply, body, HTML);
  };
}

/**
 * The pages: `/` (global tags, tags, records), `/global-tags/:name`, `/tags/:name` (timeline,
 * constants over time, IOVs), `/payloads/:hash` (provenance, fit summary, plots, data),
 * `/diff/tags` and `/diff/global-tags` (`?left=&right=`).
 */
export function registerPageRoutes(app: FastifyInstance, ctx: BrowserContext): void {
  const { db } = ctx;

  app.get(
    '/',
    page(async (req) => {
      parsePart(NoQuery, req.query, 'query');
      const [globalTags, tags, records] = await Promise.all([db.listGlobalTags(), db.listTags(), db.listRecords()]);
      return homePage({ globalTags, tags, records, database: `${db.dialect} database${db.readOnly ? ', read-only' : ''}` });
    }),
  );

  app.get(
    '/global-tags/:name',
    page(async (req) => {
      const { name } = parsePart(NameParam, req.params, 'path');
      parsePart(NoQuery, req.query, 'query');
      return globalTagPage(await db.getGlobalTag(name));
    }),
  );

  app.get(
    '/tags/:name',
    page(async (req) => {
      const { name } = parsePart(NameParam, req.params, 'path');
      parsePart(NoQuery, req.query, 'query');
      const tag = await db.tagSummary(name);
      const first = await db.listIovs(name, { limit: IOVS_ON_PAGE });
      // the latest constants drawn too (a curve, a map), when the record has payload plots
      const last = tag.lastSince === null ? undefined : (await db.listIovs(name, { from: tag.lastSince, limit: 1 })).items[0];
      const latest = last ? { since: last.since, plots: await payloadPlots(ctx, last.hash, tag.record) } : null;
      return tagPage({ tag, iovs: first.items, more: first.nextCursor !== null, plots: await tagPlots(ctx, name), latest });
    }),
  );

  app.get(
    '/payloads/:hash',
    page(async (req) => {
      const { hash } = parsePart(HashOrPrefix, req.params, 'path');
      parsePart(NoQuery, req.query, 'query');
      // a short hash, as the CLI accepts it: to the page of the one payload it names
      if (hash.length < 64) return { redirect: payloadUrl(await db.resolvePayloadPrefix(hash)) };
      const payload = await db.getPayload(hash);
      const [usage, plots] = await Promise.all([db.whoUses({ payload: hash }), payloadPlots(ctx, hash, payload.record)]);
      return payloadPage({ payload, usage, plots });
    }),
  );

  const diff = <E>(kind: DiffPageData<E>['kind'], names: () => Promise<string[]>, compare: (l: string, r: string) => Promise<E[]>, render: (d: DiffPageData<E>) => string) =>
    page(async (req) => {
      const q = parsePart(DiffQuery, req.query, 'query');
      const base = { kind, names: await names(), ...(q.left ? { left: q.left } : {}), ...(q.right ? { right: q.right } : {}) };
      if (!q.left || !q.right) return render({ ...base, entries: null });
      try {
        return render({ ...base, entries: await compare(q.left, q.right) });
      } catch (err) {
        // two tags of different time types: the form stays, with the reason
        if (err instanceof ValidationError) return render({ ...base, entries: null, error: err.message });
        throw err;
      }
    });
  app.get('/diff/tags', diff('tags', async () => (await db.listTags()).map((t) => t.name), (l, r) => db.diffTags(l, r), tagDiffPage));
  app.get('/diff/global-tags', diff('global-tags', async () => (await db.listGlobalTags()).map((g) => g.name), (l, r) => db.diffGlobalTags(l, r), globalTagDiffPage));
}
