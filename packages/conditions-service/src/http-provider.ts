import {
  canonicalJson, ConflictError, DatabaseError, formatZodIssues, IovCache, payloadHash, timeFromJson, TimeJsonSchema, ValidationError,
  type ConditionsProvider, type RecordRef, type Resolution, type Time,
} from '@nucal/core';
import { z } from 'zod';
import { getJson, type RetryPolicy } from './fetch-retry.js';
import { timeToText } from './time-text.js';

/** Options of {@link httpConditionsProvider}. */
export interface HttpProviderOptions {
  /** Where the service (or a caching proxy in front of it) answers, e.g. `http://conditions:8080`. */
  readonly baseUrl: string;
  readonly globalTag: string;
  /** Ignore IOVs inserted after this moment (must be before the service's clock, as for `db.provider`). */
  readonly asOf?: Date;
  /** Accept answers that may still change (an open global tag), each cached at most `maxAgeMs`. */
  readonly live?: { readonly maxAgeMs: number };
  /** Retries after a failed attempt (default 4). */
  readonly retries?: number;
  /** First backoff, doubled per retry (default 100 ms). */
  readonly backoffMs?: number;
  /** Time limit of one request (default 30,000 ms). */
  readonly timeoutMs?: number;
  /** The fetch to use (default the global one): a test's, or one that counts requests. */
  readonly fetch?: typeof globalThis.fetch;
  /** Extra headers, e.g. `{ authorization: 'Bearer ...' }` for a service whose reads are not public. */
  readonly headers?: Readonly<Record<string, string>>;
}

const ResolutionJson = z.object({
  record: z.object({ name: z.string(), version: z.number().int() }),
  tag: z.string(),
  globalTag: z.string().optional(),
  since: TimeJsonSchema,
  until: TimeJsonSchema.nullable(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  insertedAt: z.string(),
  reproducible: z.boolean(),
});
const PayloadJson = z.object({
  hash: z.string(),
  record: z.object({ name: z.string(), version: z.number().int() }),
  data: z.unknown(),
});

/**
 * A conditions provider for reconstruction jobs that reads a conditions service over HTTP,
 * behind core's {@link IovCache} (one request per record and interval of validity while
 * events are in time order; `hits` and `misses` count lookups).
 *
 * Each miss asks `GET /api/v1/resolve` (explicit-kind times, so every job asks the same URL
 * for the same time and a proxy can answer them all) and then the payload by hash
 * (`GET /api/v1/payloads/<hash>`, immutable, kept in memory). Every payload is checked
 * against its content address (`payloadHash(record, canonicalJson(data))`) and validated
 * with the record's zod schema. As `db.provider()` does, answers that could change while
 * the job runs (an open global tag, one locked without snapshot) are refused unless `live`
 * is given. Failures are retried with exponential backoff; a service that cannot be reached
 * is a `DatabaseError` with reason `unreachable` naming the URL.
 *
 * @example
 * const conditions = httpConditionsProvider({ baseUrl: 'http://squid:3128', globalTag: 'reco-2026' });
 * const scale = await conditions.resolve(energyScaleRecord, runTime(42));
 */
export function httpConditionsProvider(opts: HttpProviderOptions): IovCache {
  if (opts.asOf !== undefined && opts.live !== undefined) throw new ValidationError('provider: asOf and live exclude each other (a pinned provider never changes)');
  const inner = new HttpResolver(opts);
  return new IovCache(inner, opts.live ? { maxAgeMs: opts.live.maxAgeMs } : {});
}

/** The uncached lookups of {@link httpConditionsProvider}. */
class HttpResolver implements ConditionsProvider {
  private readonly base: URL;
  private readonly policy: RetryPolicy;
  private readonly payloads = new Map<string, unknown>();

  constructor(private readonly opts: HttpProviderOptions) {
    let base: URL;
    try {
      base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
    } catch {
      throw new ValidationError(`baseUrl "${opts.baseUrl}" is not a URL: expected http(s)://host[:port][/path]`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new ValidationError(`baseUrl "${opts.baseUrl}" is not http(s)`);
    const retries = opts.retries ?? 4;
    if (!Number.isInteger(retries) || retries < 0) throw new ValidationError(`retries ${retries} is invalid: expected a non-negative integer`);
    this.base = base;
    this.policy = {
      retries,
      backoffMs: opts.backoffMs ?? 100,
      timeoutMs: opts.timeoutMs ?? 30_000,
      fetch: opts.fetch ?? globalThis.fetch,
      ...(opts.headers ? { headers: opts.headers } : {}),
    };
  }

  async resolve<T>(record: RecordRef<T>, at: Time): Promise<Resolution<T>> {
    const q = new URLSearchParams({ gt: this.opts.globalTag, record: record.name, at: timeToText(at) });
    if (this.opts.asOf) q.set('asOf', this.opts.asOf.toISOString());
    const url = new URL(`api/v1/resolve?${q.toString()}`, this.base).toString();
    const r = parse(ResolutionJson, await getJson(url, this.policy), url);
    if (!r.reproducible && this.opts.live === undefined) {
      throw new ConflictError(
        `global tag ${this.opts.globalTag} (${url}) can change while a job runs: lock it with a snapshot, pin the provider with asOf, or ask for live: { maxAgeMs }`,
      );
    }
    if (r.record.name !== record.name || r.record.version !== record.version) {
      throw new ValidationError(`tag ${r.tag} holds ${r.record.name}@${r.record.version} but ${record.name}@${record.version} was asked for (${url})`);
    }
    return {
      record: r.record,
      payload: await this.payload(record, r.hash),
      hash: r.hash,
      since: timeFromJson(r.since),
      until: r.until === null ? null : timeFromJson(r.until),
      tag: r.tag,
      globalTag: this.opts.globalTag,
      insertedAt: new Date(r.insertedAt),
    };
  }

  /** The payload of a hash, verified against it and validated by the record; kept for good. */
  private async payload<T>(record: RecordRef<T>, hash: string): Promise<T> {
    const kept = this.payloads.get(hash);
    if (kept !== undefined) return kept as T;
    const url = new URL(`api/v1/payloads/${hash}`, this.base).toString();
    const p = parse(PayloadJson, await getJson(url, this.policy), url);
    const actual = payloadHash(p.record, canonicalJson(p.data));
    if (p.hash !== hash || actual !== hash) {
      throw new DatabaseError('corrupt', `payload from ${url} does not match its hash: its content hashes to ${actual}`);
    }
    const parsed = record.schema.safeParse(p.data);
    if (!parsed.success) throw new ValidationError(`payload ${hash} from ${url} does not match record ${record.name}@${record.version}`, formatZodIssues(parsed.error.issues));
    if (this.payloads.size >= 10_000) this.payloads.clear();
    this.payloads.set(hash, parsed.data);
    return parsed.data;
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, url: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new DatabaseError('corrupt', `conditions service answered ${url} with an unexpected document: ${formatZodIssues(r.error.issues).join('; ')}`);
  return r.data;
}
