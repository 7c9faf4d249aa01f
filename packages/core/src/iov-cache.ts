import type { ConditionsProvider, Resolution } from './conditions-provider.js';
import type { RecordRef } from './record.js';
import { timeKey, type Time } from './time.js';

interface Entry {
  readonly resolution: Resolution;
  readonly kind: Time['kind'];
  readonly since: bigint;
  /** Exclusive end; null when open-ended. */
  readonly until: bigint | null;
}

/**
 * A provider that remembers the current IOV of each record and answers without I/O while
 * events stay inside it. Only the payload valid at the event is kept per record, which is
 * what a time-ordered reconstruction job needs; `hits` and `misses` count lookups.
 *
 * The provider behind it must be reproducible (a locked global tag, or one read "as of" a
 * fixed time): the cache trusts an interval once seen.
 *
 * @example
 * const conditions = new IovCache(provider); // @nucal/conditions-db's db.provider() already returns one
 * const scale = await conditions.resolve(energyScaleRecord, { kind: 'run', run: 42n });
 */
export class IovCache implements ConditionsProvider {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly inner: ConditionsProvider) {}

  /** The cached resolution covering `at`, or undefined; never does I/O. */
  peek<T>(record: RecordRef<T>, at: Time): Resolution<T> | undefined {
    const e = this.entries.get(record.name);
    if (e === undefined || e.kind !== at.kind) return undefined;
    const k = timeKey(at);
    if (k < e.since || (e.until !== null && k >= e.until)) return undefined;
    if (e.resolution.record.version !== record.version) return undefined;
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
    });
    return r;
  }

  /** Forgets every cached interval. */
  clear(): void {
    this.entries.clear();
  }
}
