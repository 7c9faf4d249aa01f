import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { ConditionsDb } from '@nucal/conditions-db';
import { errorAnswer } from './http-errors.js';
import { jsonBody } from './json-body.js';
import { ServiceMetrics } from './metrics.js';
import { PayloadBodies } from './payload-bodies.js';
import { Resolver } from './resolver.js';
import { registerReadRoutes } from './routes-read.js';
import { registerWriteRoutes } from './routes-write.js';
import { sendJson, type ServiceContext } from './service-context.js';
import { databaseTokens, type TokenLookup } from './tokens.js';

/** Options of {@link createConditionsService}. */
export interface ServiceOptions {
  /** The open conditions database (the caller keeps it and closes it after the service). */
  readonly db: ConditionsDb;
  /** Reads without a token (default true). When false every /api read needs a token of any level and answers are `private`. */
  readonly readPublic?: boolean;
  /** Who holds a presented token (default: the database's token table, see `createToken`). */
  readonly tokens?: TokenLookup;
  /** Max-age (s) of answers that may still change: an open-ended IOV, an open global tag (default 60). */
  readonly shortMaxAgeS?: number;
  /** Max-age (s) of listings and metadata (default 5). */
  readonly listingMaxAgeS?: number;
  /** Largest request body in bytes (default 32 MiB; a payload may have 16 MiB of canonical JSON). */
  readonly bodyLimit?: number;
  /** Memory for payload answers kept by hash, bytes (default 64 MiB). */
  readonly payloadCacheBytes?: number;
  /** The metrics registry to count into (default: a new one, served at /metrics). */
  readonly metrics?: ServiceMetrics;
  /** fastify's logger option (default off). */
  readonly logger?: FastifyServerOptions['logger'];
}

/**
 * The conditions HTTP service as a fastify instance, routes registered and not yet
 * listening: `await app.listen({ port, host })`, or `app.inject(...)` in tests. More routes
 * or static pages can be registered on it before it starts.
 *
 * - `GET /api/v1/...`: global tags, tags, records, IOVs (paged), resolve, payloads by hash,
 *   diff, usage, audit log; times in and out in core's lossless forms.
 * - `POST|PUT /api/v1/...`: writes with `Authorization: Bearer <token>` (reader / writer with
 *   tag prefixes / admin).
 * - `GET /healthz`, `GET /metrics` (Prometheus text).
 *
 * Every answer is JSON with an `ETag`, a `Cache-Control` that says how long it can be kept
 * (immutable for payloads and fixed resolutions), and 304 for a matching `If-None-Match`.
 * Every refused request is a 4xx with `{ error: { code, message } }` and writes nothing.
 *
 * @example
 * const db = await openConditionsDb({ url: 'conditions.sqlite' });
 * const app = createConditionsService({ db });
 * await app.listen({ port: 8080, host: '127.0.0.1' });
 */
export function createConditionsService(opts: ServiceOptions): FastifyInstance {
  const metrics = opts.metrics ?? new ServiceMetrics();
  const readPublic = opts.readPublic ?? true;
  const ctx: ServiceContext = {
    db: opts.db,
    metrics,
    readPublic,
    tokens: opts.tokens ?? databaseTokens(opts.db),
    rules: { shared: readPublic, shortMaxAgeS: opts.shortMaxAgeS ?? 60, listingMaxAgeS: opts.listingMaxAgeS ?? 5 },
    resolver: new Resolver(opts.db, metrics),
    payloads: new PayloadBodies(opts.payloadCacheBytes),
    immutableByUrl: new Map(),
  };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 32 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    // errors the router meets before a route runs (a malformed %-escape): the same JSON error
    frameworkErrors: (err, _req, res) => {
      const { status, body } = errorAnswer(err);
      const reply = res as unknown as FastifyReply;
      void reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(jsonBody(body));
    },
  });

  const routes: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
  });
  // An answer that can never change is sent again for the same URL without parsing the query
  // or looking anything up (public reads only: private ones must check the token first).
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const kept = ctx.immutableByUrl.get(req.url);
    if (kept === undefined) return;
    if (req.routeOptions.url === '/api/v1/resolve') metrics.resolveCache.inc({ result: 'hit' });
    else if (req.routeOptions.url === '/api/v1/payloads/:hash') metrics.payloadCache.inc({ result: 'hit' });
    return sendJson(ctx, req, reply, { ...kept, policy: 'immutable' });
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    metrics.duration.observe({ route, method: req.method }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = errorAnswer(err);
    if (status >= 500) req.log.error(err);
    if (status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(jsonBody(body));
  });
  app.setNotFoundHandler((req, reply) => {
    const what = `${req.method} ${req.url}`.slice(0, 300);
    return reply.code(404).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(jsonBody({ error: { code: 'NOT_FOUND', message: `no route ${what}: see GET /api/v1 for the routes` } }));
  });

  app.get('/healthz', async (_req, reply) => {
    const now = await opts.db.now();
    return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8').send(jsonBody({ status: 'ok', database: opts.db.dialect, readOnly: opts.db.readOnly, clock: now }));
  });
  app.get('/metrics', async (_req, reply) => {
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  registerReadRoutes(app, ctx, routes);
  registerWriteRoutes(app, ctx);
  return app;
}
