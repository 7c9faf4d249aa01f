import type { FastifyInstance } from 'fastify';
import { parseInstant, timeFromJson, type Time, type TimeType } from '@nucal/core';
import type { AppendProvenance, IovInput } from '@nucal/conditions-db';
import type { z } from 'zod';
import { requireLevel, requireTagRight } from './auth.js';
import { jsonBody } from './json-body.js';
import {
  AppendBody, CreateGlobalTagBody, CreateTagBody, EmptyBody, EntryParams, LockGlobalTagBody, NameParam, NoQuery, parseRequest, SetEntryBody, TimeInput,
} from './request-schemas.js';
import { sendJson, writer, type ServiceContext } from './service-context.js';
import { timeFromText } from './time-text.js';
import { SERVICE_VERSION } from './version.js';

/**
 * The write API: every route needs `Authorization: Bearer <token>`; writers may create, lock
 * and append to tags within their prefixes, admins also create, map and lock global tags.
 * Each write goes through the database's own checks and transaction (all or nothing) and is
 * recorded in its audit log with the label `http:<token name>`.
 */
export function registerWriteRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const as = (name: string) => ctx.db.withLabel(`http:${name}`);
  const done = (status: number, value: unknown) => ({ body: jsonBody(value), policy: 'none' as const, status });

  app.post('/api/v1/tags', async (req, reply) => {
    const holder = await writer(ctx, req);
    parseRequest(NoQuery, req.query, 'query');
    const b = parseRequest(CreateTagBody, req.body, 'body');
    requireTagRight(holder, b.name, `create tag ${b.name}`);
    return sendJson(ctx, req, reply, done(201, await as(holder.name).createTag(b)));
  });

  app.post('/api/v1/tags/:name/lock', async (req, reply) => {
    const holder = await writer(ctx, req);
    const { name } = parseRequest(NameParam, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    parseRequest(EmptyBody, req.body, 'body');
    requireTagRight(holder, name, `lock tag ${name}`);
    return sendJson(ctx, req, reply, done(200, await as(holder.name).lockTag(name)));
  });

  app.post('/api/v1/tags/:name/iovs', async (req, reply) => {
    const holder = await writer(ctx, req);
    const { name } = parseRequest(NameParam, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    const b = parseRequest(AppendBody, req.body, 'body');
    requireTagRight(holder, name, `append to tag ${name}`);
    const kind = (await ctx.db.getTag(name)).timeType;
    const provenance: AppendProvenance = { plugin: { id: 'nucal.http', version: SERVICE_VERSION }, input: { description: `appended over HTTP with token ${holder.name}` } };
    const iovs: IovInput[] = b.iovs.map((iov, i) => ({
      since: sinceOf(iov.since, kind, i),
      payload: iov.payload,
      provenance: (iov.provenance as AppendProvenance | undefined) ?? provenance,
    }));
    return sendJson(ctx, req, reply, done(200, await as(holder.name).appendIovs(name, iovs)));
  });

  app.post('/api/v1/global-tags', async (req, reply) => {
    const holder = await writer(ctx, req);
    parseRequest(NoQuery, req.query, 'query');
    const b = parseRequest(CreateGlobalTagBody, req.body, 'body');
    requireLevel(holder, 'admin', `create global tag ${b.name}`);
    const gt = await as(holder.name).createGlobalTag({
      name: b.name,
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.snapshot !== undefined ? { snapshot: parseInstant(b.snapshot, 'snapshot') } : {}),
    });
    return sendJson(ctx, req, reply, done(201, gt));
  });

  app.put('/api/v1/global-tags/:name/entries/:record', async (req, reply) => {
    const holder = await writer(ctx, req);
    const { name, record } = parseRequest(EntryParams, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    const b = parseRequest(SetEntryBody, req.body, 'body');
    requireLevel(holder, 'admin', `map ${record} in global tag ${name}`);
    return sendJson(ctx, req, reply, done(200, await as(holder.name).setGlobalTagEntry(name, record, b.tag)));
  });

  app.post('/api/v1/global-tags/:name/lock', async (req, reply) => {
    const holder = await writer(ctx, req);
    const { name } = parseRequest(NameParam, req.params, 'path');
    parseRequest(NoQuery, req.query, 'query');
    const b = parseRequest(LockGlobalTagBody, req.body, 'body');
    requireLevel(holder, 'admin', `lock global tag ${name}`);
    const s = b?.snapshot;
    const snapshot = s === undefined ? undefined : s.trim() === 'now' ? ('now' as const) : parseInstant(s, 'snapshot');
    return sendJson(ctx, req, reply, done(200, await as(holder.name).lockGlobalTag(name, snapshot !== undefined ? { snapshot } : {})));
  });
}

/** A since from the body: text (`run:42`, `42`, ns, ISO date) read for the tag's time type, or core's JSON form. */
function sinceOf(since: z.output<typeof TimeInput>, kind: TimeType, i: number): Time {
  return typeof since === 'string' ? timeFromText(since, kind, `iovs[${i}].since`) : timeFromJson(since);
}
