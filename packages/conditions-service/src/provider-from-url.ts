import { type ConditionsProvider, type IovCache, type RecordRef, type Resolution, type Time } from '@nucal/core';
import { openConditionsDb } from '@nucal/conditions-db';
import { httpConditionsProvider, type HttpProviderOptions } from './http-provider.js';

/** A provider from {@link conditionsProviderFromUrl}: close it when the job is done. */
export interface UrlConditionsProvider extends ConditionsProvider {
  /** `http` for a conditions service, `database` for a SQLite file or PostgreSQL. */
  readonly source: 'http' | 'database';
  /** The IOV cache in front of either (hits and misses). */
  readonly cache: IovCache;
  close(): Promise<void>;
}

/** Options of {@link conditionsProviderFromUrl}. */
export type ProviderFromUrlOptions = Omit<HttpProviderOptions, 'baseUrl'>;

/**
 * The conditions provider of a URL, so that one reconstruction program runs online, offline
 * or remotely by changing one string: `http(s)://` reads a conditions service (through any
 * proxy at that address) with {@link httpConditionsProvider}; anything else is opened
 * read-only as a database (an exported SQLite snapshot, the online SQLite file, a
 * `postgres://` URL) and read through `db.provider`. Both refuse answers that could change
 * unless asked for `live`, and both cache by interval of validity.
 *
 * @example
 * const conditions = await conditionsProviderFromUrl(process.env.NUCAL_CONDITIONS!, { globalTag: 'reco-2026' });
 * try { await reconstruct(events, conditions); } finally { await conditions.close(); }
 */
export async function conditionsProviderFromUrl(url: string, opts: ProviderFromUrlOptions): Promise<UrlConditionsProvider> {
  if (/^https?:\/\//i.test(url)) {
    const cache = httpConditionsProvider({ ...opts, baseUrl: url });
    return wrap('http', cache, async () => undefined);
  }
  const db = await openConditionsDb({ url, readOnly: true });
  try {
    const cache = await db.provider({ globalTag: opts.globalTag, ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(opts.live ? { live: opts.live } : {}) });
    return wrap('database', cache, () => db.close());
  } catch (err) {
    await db.close();
    throw err;
  }
}

function wrap(source: 'http' | 'database', cache: IovCache, close: () => Promise<void>): UrlConditionsProvider {
  return {
    source,
    cache,
    resolve: <T>(record: RecordRef<T>, at: Time): Promise<Resolution<T>> => cache.resolve(record, at),
    close,
  };
}
