import { canonicalJson, payloadHash } from './canonical-json.js';
import type { ConditionsProvider, Resolution } from './conditions-provider.js';
import { tagFor, type ConditionsWriter, type WriteRequest, type WrittenPayload } from './conditions-writer.js';
import { ValidationError } from './errors.js';
import { NoIovError } from './no-iov-error.js';
import { recordKey, type RecordRef } from './record.js';
import { formatTime, timeKey, type Time } from './time.js';

interface Row {
  readonly since: Time;
  readonly key: bigint;
  readonly payload: unknown;
  readonly hash: string;
  readonly record: { readonly name: string; readonly version: number };
  readonly tag: string;
}

/**
 * Conditions in memory: a {@link ConditionsProvider} and a {@link ConditionsWriter} with the
 * since-only semantics of the conditions database (the IOV with the greatest since at or
 * before the time; a later write at the same since supersedes), for tests and for chaining
 * calibrations in one process. One tag per record.
 *
 * @example
 * const conditions = new InMemoryConditions();
 * conditions.put(t0Record, runTime(1), { method: 'segments', tpcs: [...] });
 * await runCalibration(lifetimePlugin(), sample, { at: runTime(5), rng, conditions, writer: conditions });
 */
export class InMemoryConditions implements ConditionsProvider, ConditionsWriter {
  private readonly rows = new Map<string, Row[]>();
  /** Lookups answered, for tests of caching. */
  lookups = 0;

  /** Stores one payload (validated against its record) from `since` on. */
  put<T>(record: RecordRef<T>, since: Time, payload: T, tag = record.name): WrittenPayload {
    const ok = record.schema.safeParse(payload);
    if (!ok.success) throw new ValidationError(`payload for ${recordKey(record)} does not match its schema: ${ok.error.issues[0]?.message ?? ''}`);
    const list = this.rows.get(record.name) ?? [];
    const hash = payloadHash(record, canonicalJson(ok.data));
    const key = timeKey(since);
    const current = [...list].reverse().find((r) => r.key === key);
    if (current?.hash === hash) return { record: record.name, tag, hash, inserted: false };
    list.push({ since, key, payload: ok.data, hash, record: { name: record.name, version: record.version }, tag });
    this.rows.set(record.name, list);
    return { record: record.name, tag, hash, inserted: true };
  }

  async write(req: WriteRequest): Promise<WrittenPayload[]> {
    return req.payloads.map((p) => this.put(p.record, req.since, p.payload, tagFor(req.tagPrefix, p.record.name)));
  }

  async resolve<T>(record: RecordRef<T>, at: Time): Promise<Resolution<T>> {
    this.lookups++;
    const list = (this.rows.get(record.name) ?? []).filter((r) => r.since.kind === at.kind);
    const k = timeKey(at);
    let best: Row | undefined;
    for (const r of list) if (r.key <= k && (best === undefined || r.key >= best.key)) best = r;
    if (!best) {
      // none at or before k: the first IOV after it (if any) ends the gap
      let next: Row | undefined;
      for (const r of list) if (next === undefined || r.key < next.key) next = r;
      throw new NoIovError(`no IOV of ${record.name} covers ${formatTime(at)}`, next === undefined ? null : next.since);
    }
    if (best.record.version !== record.version) throw new ValidationError(`${record.name} is stored as version ${best.record.version}, not ${record.version}`);
    let until: Row | undefined;
    for (const r of list) if (r.key > best.key && (until === undefined || r.key < until.key)) until = r;
    return {
      record: best.record,
      payload: best.payload as T,
      hash: best.hash,
      since: best.since,
      until: until?.since ?? null,
      tag: best.tag,
      insertedAt: new Date(0),
    };
  }
}
