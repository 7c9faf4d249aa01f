import type { ConditionsProvider, Resolution } from './conditions-provider.js';
import type { RecordRef } from './record.js';
import { ValidationError } from './errors.js';
import { NoIovError } from './no-iov-error.js';
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

/** A remembered miss: no IOV of the record before `until` (exclusive; null: none at all). */
interface Miss {
  readonly error: NoIovError;
  readonly version: number;
  readonly kind: Time['kind'];
  readonly until: bigint | null;
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
 * what a time-ordered reconstruction job needs; `hits` and `misses` count lookups. A
 * {@link NoIovError} (no IOV before a time, or none at all) is remembered the same way and
 * thrown again without I/O for times in that range.
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
  private readonly gaps = new Map<string, Miss>();
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
    const gap = this.gapAt(record, at);
    if (gap !== undefined) {
      this.hits++;
      throw gap;
    }
    this.misses++;
    let r: Resolution<T>;
    try {
      r = await this.inner.resolve(record, at);
    } catch (e) {
      if (e instanceof NoIovError && (e.until === null || e.until.kind === at.kind)) {
        this.gaps.set(record.name, { error: e, version: record.version, kind: at.kind, until: e.until === null ? null : timeKey(e.until), fetchedAt: this.now() });
      }
      throw e;
    }
    this.gaps.delete(record.name);
    this.entries.set(record.name, {
      resolution: r,
      kind: r.since.kind,
      since: timeKey(r.since),
      until: r.until === null ? null : timeKey(r.until),
      fetchedAt: this.now(),
    });
    return r;
  }

  /** The remembered miss covering `at`, if any (same rules of version, kind and age as {@link peek}). */
  private gapAt(record: RecordRef<unknown>, at: Time): NoIovError | undefined {
    const g = this.gaps.get(record.name);
    if (g === undefined || g.kind !== at.kind || g.version !== record.version) return undefined;
    if (g.until !== null && timeKey(at) >= g.until) return undefined;
    if (this.maxAgeMs !== undefined && this.now() - g.fetchedAt > this.maxAgeMs) return undefined;
    return g.error;
  }

  /** Forgets every cached interval and miss. */
  clear(): void {
    this.entries.clear();
    this.gaps.clear();
  }
}
