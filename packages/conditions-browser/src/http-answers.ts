import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Seconds a page or plot may be kept before it is revalidated by its ETag. */
export const BROWSER_MAX_AGE_S = 5;

/**
 * Pages and plots change with the database (a new IOV) and with the code that draws them, so
 * they are kept a few seconds, then revalidated. A request with a token gets a `private`
 * answer: a shared cache must not hand it to others.
 */
function cacheControl(req: FastifyRequest): string {
  return `${req.headers.authorization === undefined ? 'public' : 'private'}, max-age=${BROWSER_MAX_AGE_S}`;
}

/**
 * Sends a body with a strong ETag (its sha256) and Cache-Control; 304 without a body when the
 * request's If-None-Match names the ETag.
 */
export function sendCached(req: FastifyRequest, reply: FastifyReply, body: string, contentType: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  reply.header('cache-control', cacheControl(req)).header('etag', etag);
  const inm = req.headers['if-none-match'];
  if (inm !== undefined && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.code(200).type(contentType).send(body);
}
