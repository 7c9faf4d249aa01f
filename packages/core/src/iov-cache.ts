import type { ConditionsProvider, Resolution } from './conditions-provider.js';
import type { RecordRef } from './record.js';
import { ValidationError } from './errors.js';
import { timeKey, type Time } from './time.js';

interface Entry {
  readonly resolution: Resolution;
  readonly kind: Time['kind'];
  readonly since: bigint;
  /** Exclusive end; null when open-ended. */
  readonly until: bigint | null;
  /** When it was fetched (ms, the cache's clock). */
  readonly fetchedAt: number;
}

/** Options of {@link IovCache}. */
export interface IovCacheOptions {
  /**
   * Live mode: trust a cached interval for at most this long (ms), then ask again. For
   * providers whose answers may still change (an open global tag); leave unset for a
   * reproducible provider, whose intervals never change.
   */
  readonly maxAgeMs?: number;
  /** Clock in ms (tests); default Date.now. */
  readonly now?: () => number;
}

/**
 * A provider that remembers the current IOV of each record and answers without I/O while
 * events stay inside it. Only the payload valid at the event is kept per record, which is
 * what a time-ordered reconstruction job needs; `hits` and `misses` count lookups.
 *
 * Without `maxAgeMs` the provider behind it must be reproducible (a locked global tag with a
 * snapshot, or one read "as of" a past time): the cache trusts an interval once seen. With
 * `maxAgeMs` (live mode) an interval is trusted for that long, so a new IOV appended to an
 * open global tag is seen at most `maxAgeMs` after it was written.
 *
 * @example
 * const conditions = new IovCache(provider); // @nucal/conditions-db's db.provider() already returns one
 * const scale = await conditions.resolve(energyScaleRecord, { kind: 'run', run: 42n });
 */
export class IovCache implements ConditionsProvider {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  private readonly maxAgeMs: number | undefined;
  private readonly now: () => number;

  constructor(
    private readonly inner: ConditionsProvider,
    options: IovCacheOptions = {},
  ) {
    if (options.maxAgeMs !== undefined && !(options.maxAgeMs >= 0)) throw new ValidationError(`maxAgeMs ${options.maxAgeMs} is invalid: expected a non-negative number of milliseconds`);
    this.maxAgeMs = options.maxAgeMs;
    this.now = options.now ?? Date.now;
  }

  /** True in live mode (intervals expire), false for a reproducible provider. */
  get live(): boolean {
    return this.maxAgeMs !== undefined;
  }

  /** The cached resolution covering `at`, or undefined; never does I/O. */
  peek<T>(record: RecordRef<T>, at: Time): Resolution<T> | undefined {
    const e = this.entries.get(record.name);
    if (e === undefined || e.kind !== at.kind) return undefined;
    const k = timeKey(at);
    if (k < e.since || (e.until !== null && k >= e.until)) return undefined;
    if (e.resolution.record.version !== record.version) return undefined;
    if (this.maxAgeMs !== undefined && this.now() - e.fetchedAt > this.maxAgeMs) return undefined;
    return e.resolution as Resolution<T>;
  }

  async resolve<T>(record: RecordRef<T>, at: Time): Promise<Resolution<T>> {
    const cached = this.peek(record, at);
    if (cached !== undefined) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const r = await this.inner.resolve(record, at);
    this.entries.set(record.name, {
      resolution: r,
      kind: r.since.kind,
      since: timeKey(r.since),
      until: r.until === null ? null : timeKey(r.until),
      fetchedAt: this.now(),
    });
    return r;
  }

  /** Forgets every cached interval. */
  clear(): void {
    this.entries.clear();
  }
}
