import { ConflictError, DatabaseError, NoIovError, NotFoundError, NucalError, PermissionError, TimeJsonSchema, ValidationError, timeFromJson } from '@nucal/core';

/** How a client retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 4: five attempts in all). */
  readonly retries: number;
  /** Wait before the first retry, doubled for each next one (default 100 ms: 100, 200, 400, 800). */
  readonly backoffMs: number;
  /** Time limit of one attempt (default 30 s). */
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
  /** Extra request headers (an `Authorization` for a service whose reads are not public). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Statuses worth another attempt: the service or a proxy in front of it is overloaded or restarting. */
const RETRY_STATUS = new Set([429, 502, 503, 504]);

/**
 * GETs a JSON document, retrying network failures, time-outs and 429/502/503/504 with
 * exponential backoff. Gives up with a `DatabaseError` whose reason is `unreachable` (the
 * service could not be reached) or `busy` (it kept answering "try later"), naming the URL;
 * an error answer of the service becomes the nucal error it describes (400 ValidationError,
 * 404 NotFoundError, 409 ConflictError, 401/403 PermissionError).
 */
export async function getJson(url: string, policy: RetryPolicy): Promise<unknown> {
  let lastFailure = '';
  let lastStatus = 0;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) await sleep(policy.backoffMs * 2 ** (attempt - 1));
    let res: Response;
    try {
      res = await policy.fetch(url, { headers: { accept: 'application/json', ...policy.headers }, signal: AbortSignal.timeout(policy.timeoutMs) });
    } catch (err) {
      lastFailure = describe(err);
      lastStatus = 0;
      continue;
    }
    if (RETRY_STATUS.has(res.status)) {
      lastStatus = res.status;
      lastFailure = `HTTP ${res.status}${await errorText(res)}`;
      continue;
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      if (res.ok) throw new DatabaseError('corrupt', `conditions service answered ${url} with a body that is not JSON: ${describe(err)}`);
      throw new NucalError('HTTP', `conditions service answered ${url} with HTTP ${res.status}`);
    }
    if (res.ok) return body;
    throw errorOf(res.status, body, url);
  }
  const attempts = policy.retries + 1;
  if (lastStatus !== 0) throw new DatabaseError('busy', `conditions service ${url} kept answering ${lastFailure} (${attempts} attempts)`);
  throw new DatabaseError('unreachable', `conditions service ${url} is unreachable after ${attempts} attempts: ${lastFailure}`);
}

function errorOf(status: number, body: unknown, url: string): NucalError {
  const e = (body as { error?: { code?: unknown; message?: unknown; reason?: unknown; until?: unknown } } | null)?.error;
  const message = `${typeof e?.message === 'string' ? e.message : `HTTP ${status}`} (${url})`;
  if (status === 400) return new ValidationError(message);
  if (status === 401 || status === 403) return new PermissionError(message);
  if (status === 404 && e !== undefined && 'until' in e) {
    // a time no IOV covers: keep the range so that the client's IovCache remembers the miss
    if (e.until === null) return new NoIovError(message, null);
    const until = TimeJsonSchema.safeParse(e.until);
    if (until.success) return new NoIovError(message, timeFromJson(until.data));
  }
  if (status === 404) return new NotFoundError(message);
  if (status === 409) return new ConflictError(message);
  return new NucalError(typeof e?.code === 'string' ? e.code : 'HTTP', message);
}

async function errorText(res: Response): Promise<string> {
  try {
    const t = await res.text();
    return t ? `: ${t.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  const cause = e?.cause?.code ?? e?.cause?.message;
  return cause ? `${e?.message ?? String(err)} (${cause})` : (e?.message ?? String(err));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
