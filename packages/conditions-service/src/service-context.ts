import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConditionsDb } from '@nucal/conditions-db';
import { authenticate } from './auth.js';
import { cacheControl, etagOf, notModified, type CachePolicy, type CacheRules } from './http-cache.js';
import type { ServiceMetrics } from './metrics.js';
import type { PayloadBodies } from './payload-bodies.js';
import type { Resolver } from './resolver.js';
import type { TokenHolder, TokenLookup } from './tokens.js';

/** What the route handlers share. */
export interface ServiceContext {
  readonly db: ConditionsDb;
  readonly metrics: ServiceMetrics;
  readonly rules: CacheRules;
  readonly tokens: TokenLookup;
  /** Reads without a token (default); otherwise every read needs a token of any level. */
  readonly readPublic: boolean;
  readonly resolver: Resolver;
  readonly payloads: PayloadBodies;
  /** Immutable answers by request URL (public reads only): a repeated GET skips parsing and lookups. */
  readonly immutableByUrl: Map<string, { readonly body: string; readonly etag: string }>;
}

/** URLs kept in {@link ServiceContext.immutableByUrl} before it starts again empty. */
const IMMUTABLE_URLS = 100_000;

/** A JSON answer: its text, ETag (default: the body's sha256) and cache policy. */
export interface JsonAnswer {
  readonly body: string;
  readonly etag?: string;
  readonly policy: CachePolicy;
  readonly status?: number;
}

/**
 * Sends a JSON answer with `ETag` and `Cache-Control`; a GET whose `If-None-Match` names the
 * ETag gets 304 with no body (counted in `nucal_http_not_modified_total`).
 */
export function sendJson(ctx: ServiceContext, req: FastifyRequest, reply: FastifyReply, a: JsonAnswer): FastifyReply {
  const etag = a.etag ?? etagOf(a.body);
  reply.header('cache-control', cacheControl(a.policy, ctx.rules)).header('etag', etag);
  if (!ctx.rules.shared) reply.header('vary', 'Authorization');
  const status = a.status ?? 200;
  if (a.policy === 'immutable' && status === 200 && ctx.readPublic && req.method === 'GET' && !ctx.immutableByUrl.has(req.url)) {
    if (ctx.immutableByUrl.size >= IMMUTABLE_URLS) ctx.immutableByUrl.clear();
    ctx.immutableByUrl.set(req.url, { body: a.body, etag });
  }
  if (status === 200 && (req.method === 'GET' || req.method === 'HEAD') && notModified(req.headers['if-none-match'], etag)) {
    ctx.metrics.notModified.inc({ route: req.routeOptions.url ?? 'unmatched' });
    return reply.code(304).send();
  }
  return reply.code(status).type('application/json; charset=utf-8').send(a.body);
}

/** Checks a read's token when reads are not public. */
export async function authorizeRead(ctx: ServiceContext, req: FastifyRequest): Promise<void> {
  if (!ctx.readPublic) await authenticate(req.headers.authorization, ctx.tokens);
}

/** The holder of a write's token (any level; each route checks the level it needs). */
export function writer(ctx: ServiceContext, req: FastifyRequest): Promise<TokenHolder> {
  return authenticate(req.headers.authorization, ctx.tokens);
}
