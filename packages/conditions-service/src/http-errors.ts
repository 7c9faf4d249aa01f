import { DatabaseError, NoIovError, NucalError, timeToJson, type TimeJson } from '@nucal/core';

/**
 * The JSON body of every error answer: `{ error: { code, message, reason?, until? } }`; `until`
 * (a time, or null) only on a 404 for a time no IOV covers: the first since after it, null when
 * there is none (clients may cache the miss up to it, see @nucal/core's NoIovError).
 */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly reason?: string; readonly until?: TimeJson | null };
}

/** The caller gave no valid token where one is needed (401, with `WWW-Authenticate: Bearer`). */
export class UnauthorizedError extends NucalError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

const STATUS: Record<string, number> = {
  VALIDATION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHORIZED: 401,
  PERMISSION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/**
 * HTTP status and body of an error. nucal's errors map by code (a refused request is a 4xx
 * that names the bad value); a database that is busy or unreachable is 503, so clients retry;
 * fastify's own request errors (bad JSON, body too large, wrong content type) keep their 4xx.
 * Anything else is a 500 whose message says no more than that.
 */
export function errorAnswer(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DatabaseError) {
    const status = err.reason === 'busy' || err.reason === 'unreachable' || err.reason === 'migration-lock' ? 503 : 500;
    return { status, body: { error: { code: err.code, reason: err.reason, message: err.message } } };
  }
  if (err instanceof NoIovError) return { status: 404, body: { error: { code: err.code, message: err.message, until: err.until === null ? null : timeToJson(err.until) } } };
  if (err instanceof NucalError) return { status: STATUS[err.code] ?? 400, body: { error: { code: err.code, message: err.message } } };
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { error: { code: typeof e.code === 'string' ? e.code : 'BAD_REQUEST', message: String(e.message ?? 'bad request') } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error (see the service log)' } } };
}
