import type { FastifyInstance } from 'fastify';
import { parseInstant, type Time, type TimeType } from '@nucal/core';
import type { ListIovsOptions } from '@nucal/conditions-db';
import { jsonBody } from './json-body.js';
import { payloadBody } from './payload-bodies.js';
import {
  AuditQuery, DiffQuery, HashParam, IovsQuery, NameParam, NoQuery, parseRequest, ResolveQuery, TagsQuery, UsageQuery,
} from './request-schemas.js';
import { authorizeRead, sendJson, type ServiceContext } from './service-context.js';
import { timeFromText } from './time-text.js';

/**
 * The read API under /api/v1 (public unless the service was created with `readPublic: false`);
 * `GET /api/v1` lists every route registered on the instance (later ones too).
 */
export function registerReadRoutes(app: FastifyInstance, ctx: ServiceContext, routes: readonly string[]): void {
  const { db } = ctx;
  const list = (items: unknown) => jsonBody({ items });
  app.addHook('preHandler', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const url = req.routeOptions.url ?? '';
      if (url.startsWith('/api/')) await authorizeRead(ctx, req);
    }
  });

  app.get('/api/v1', async (req, reply) => {
    parseRequest(NoQuery, req.query, 'query');
    return sendJson(ctx, req, reply, { body: jsonBody({ service: 'nucal conditions', api: 'v1', routes: [...routes].sort() }), policy: 'listing' });
  });

  app.get('/api/v1/records', async (req, reply) => {
    parseRequest(NoQuery, req.query, 'query');
    return sendJson(ctx, req, reply, { body: list(await db.listRecords()), policy: 'listing' });
  });

  app.get('/api/v1/global-tags', async (req, reply) => {
    parseRequest(NoQuery, req.query, 'query');
    return sendJson(ctx, req, reply, { body: list(await db.listGlobalTags()), policy: 'listing' });
  });
  app.get('/api/v1/global-tags/:name', async (req, reply) => {
    const { name } = parseRequest(NameParam, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    const gt = await db.getGlobalTag(name);
    // a locked global tag with a snapshot never changes again
    return sendJson(ctx, req, reply, { body: jsonBody(gt), policy: gt.state === 'locked' && gt.snapshot !== null ? 'immutable' : 'listing' });
  });

  app.get('/api/v1/tags', async (req, reply) => {
    const q = parseRequest(TagsQuery, req.query, 'query');
    return sendJson(ctx, req, reply, { body: list(await db.listTags(q.record !== undefined ? { record: q.record } : {})), policy: 'listing' });
  });
  app.get('/api/v1/tags/:name', async (req, reply) => {
    const { name } = parseRequest(NameParam, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    const tag = await db.getTag(name);
    return sendJson(ctx, req, reply, { body: jsonBody(tag), policy: tag.state === 'locked' ? 'immutable' : 'listing' });
  });
  app.get('/api/v1/tags/:name/iovs', async (req, reply) => {
    const { name } = parseRequest(NameParam, req.params, 'path');
    const q = parseRequest(IovsQuery, req.query, 'query');
    const kind: TimeType = (await db.getTag(name)).timeType;
    const time = (t: string | undefined, what: string): Time | undefined => (t === undefined ? undefined : timeFromText(t, kind, what));
    const from = time(q.from, 'from');
    const to = time(q.to, 'to');
    const opts: ListIovsOptions = {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(q.asOf !== undefined ? { asOf: parseInstant(q.asOf, 'asOf') } : {}),
      ...(q.history !== undefined ? { history: q.history } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
    };
    const page = await db.listIovs(name, opts);
    let next: string | null = null;
    if (page.nextCursor !== null) {
      const params = new URLSearchParams(req.query as Record<string, string>);
      params.set('cursor', page.nextCursor);
      next = `/api/v1/tags/${encodeURIComponent(name)}/iovs?${params.toString()}`;
    }
    return sendJson(ctx, req, reply, { body: jsonBody({ items: page.items, nextCursor: page.nextCursor, next }), policy: 'listing' });
  });

  app.get('/api/v1/resolve', async (req, reply) => {
    const q = parseRequest(ResolveQuery, req.query, 'query');
    return sendJson(ctx, req, reply, await ctx.resolver.answer(q));
  });

  app.get('/api/v1/payloads/:hash', async (req, reply) => {
    const { hash } = parseRequest(HashParam, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    let answer = ctx.payloads.get(hash);
    ctx.metrics.payloadCache.inc({ result: answer ? 'hit' : 'miss' });
    if (!answer) {
      answer = payloadBody(await db.getPayload(hash));
      ctx.payloads.add(hash, answer);
    }
    return sendJson(ctx, req, reply, { ...answer, policy: 'immutable' });
  });

  app.get('/api/v1/diff/tags', async (req, reply) => {
    const q = parseRequest(DiffQuery, req.query, 'query');
    const items = await db.diffTags(q.left, q.right, q.asOf !== undefined ? { asOf: parseInstant(q.asOf, 'asOf') } : {});
    return sendJson(ctx, req, reply, { body: list(items), policy: 'listing' });
  });
  app.get('/api/v1/diff/global-tags', async (req, reply) => {
    const q = parseRequest(DiffQuery.omit({ asOf: true }), req.query, 'query');
    return sendJson(ctx, req, reply, { body: list(await db.diffGlobalTags(q.left, q.right)), policy: 'listing' });
  });

  app.get('/api/v1/usage', async (req, reply) => {
    const q = parseRequest(UsageQuery, req.query, 'query');
    const items = await db.whoUses(q.tag !== undefined ? { tag: q.tag } : { payload: q.payload! });
    return sendJson(ctx, req, reply, { body: list(items), policy: 'listing' });
  });

  app.get('/api/v1/audit', async (req, reply) => {
    const q = parseRequest(AuditQuery, req.query, 'query');
    const items = await db.auditLog({ ...(q.limit !== undefined ? { limit: q.limit } : {}), ...(q.target !== undefined ? { target: q.target } : {}) });
    return sendJson(ctx, req, reply, { body: list(items), policy: 'listing' });
  });
}
