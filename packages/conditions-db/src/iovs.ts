import type { Knex } from 'knex';
import { checkedTimeKey, ConflictError, timeFromKey, timeKey, ValidationError, formatTime, type Time } from '@nucal/core';
import { asOfMicros } from './as-of.js';
import { microsToDate } from './clock.js';
import type { DbContext } from './context.js';
import { insertRows } from './insert-rows.js';
import { preparePayload, storePayloads, type PreparedPayload } from './payloads.js';
import { schemaFor } from './records.js';
import { tagRow, type TagRow } from './tags.js';
import type { AppendResult, IovInfo, IovInput } from './types.js';
import { TagNameSchema } from './types.js';
import { parseInput } from './validate.js';
import { rowsOf } from './rows-of.js';
import { writeTransaction } from './write-transaction.js';

/**
 * Row j was written after row i: the database's sequence (row id) decides, never a clock, so
 * a writer whose clock runs behind still supersedes.
 */
export const LATER = 'j.id > i.id';

/** Rows per INSERT statement (also the granularity of `onChunk` progress). */
const IOV_CHUNK = 5000;

/** Options of {@link appendIovs}. */
export interface AppendOptions {
  /** Called inside the transaction after each chunk of rows (progress bars, tests of killed writers). */
  onChunk?: (written: number, total: number) => void | Promise<void>;
}

/**
 * Appends IOVs to a tag in one transaction: all of them or none. Every payload is validated
 * against the tag's record schema and every since against the tag's time type before
 * anything is written. An IOV whose payload is already current at its since is skipped
 * (counted as unchanged), so re-running a job is harmless.
 */
export async function appendIovs(ctx: DbContext, tagName: string, items: readonly IovInput[], opts: AppendOptions = {}): Promise<AppendResult> {
  parseInput(TagNameSchema, tagName, `tag name "${tagName}"`);
  if (!Array.isArray(items) || items.length === 0) throw new ValidationError(`no IOVs given for tag ${tagName}: expected at least one`);
  const tag = await tagRow(ctx.knex, tagName);
  const record = { name: tag.record_name, version: Number(tag.record_version) };
  const schema = await schemaFor(ctx, record.name, record.version);
  const keys: bigint[] = new Array(items.length);
  const prepared: PreparedPayload[] = new Array(items.length);
  const provenanceCache = new Map<unknown, string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    keys[i] = sinceKey(item?.since, tag, i);
    prepared[i] = preparePayload(record, schema, item.payload, item.provenance, () => `#${i} (since ${formatTime(item.since)})`, provenanceCache);
  }
  return writeTransaction(ctx, 'iov.append', tagName, async (trx, stamp) => {
    const locked = await tagRow(trx, tagName, true);
    if (locked.state === 'locked') throw new ConflictError(`tag ${tagName} is locked: it accepts no more IOVs`);
    const last = await lastSince(trx, locked.id);
    // Only sinces at or below the last one can already hold a payload: look those up.
    const current = new Map<string, string>();
    const old = last === null ? [] : [...new Set(keys.filter((k) => k <= last).map(String))];
    for (let i = 0; i < old.length; i += 500) {
      const chunk = old.slice(i, i + 500);
      const rows = await trx.raw(
        `SELECT CAST(i.since AS TEXT) AS since, i.payload_hash AS hash FROM iovs i
         WHERE i.tag_id = ? AND i.since IN (${chunk.map(() => '?').join(',')})
         AND NOT EXISTS (SELECT 1 FROM iovs j WHERE j.tag_id = i.tag_id AND j.since = i.since AND ${LATER})`,
        [locked.id, ...chunk],
      );
      for (const r of rowsOf(rows)) current.set(String(r.since), String(r.hash));
    }
    if (last !== null && !locked.allow_backfill) {
      // An IOV identical to the one current at its since writes nothing, so it is no back-fill:
      // re-running a job that wrote IOVs 1..10 is harmless.
      const i = keys.findIndex((k, n) => k < last && current.get(k.toString()) !== prepared[n]!.hash);
      if (i >= 0) {
        throw new ConflictError(
          `IOV #${i} of tag ${tagName} starts at ${formatTime(timeFromKey(locked.time_type, keys[i]!))}, below the tag's last since ${formatTime(timeFromKey(locked.time_type, last))}: the tag does not allow back-filling`,
        );
      }
    }
    const insertedAt = stamp;
    const rows: [number, string, string, number][] = [];
    const fresh: PreparedPayload[] = [];
    let unchanged = 0;
    for (let i = 0; i < keys.length; i++) {
      const since = keys[i]!.toString();
      const p = prepared[i]!;
      if (current.get(since) === p.hash) {
        unchanged++;
        continue;
      }
      current.set(since, p.hash);
      rows.push([locked.id, since, p.hash, insertedAt]);
      fresh.push(p);
    }
    await storePayloads(trx, record, fresh, stamp);
    await insertRows(trx, 'iovs', ['tag_id', 'since', 'payload_hash', 'inserted_at'], rows, {
      chunkRows: IOV_CHUNK,
      onChunk: (written) => opts.onChunk?.(written, rows.length),
    });
    const sinces = rows.map((r) => BigInt(r[1]));
    return {
      result: { inserted: rows.length, unchanged, hashes: prepared.map((p) => p.hash), insertedAt: microsToDate(stamp) },
      details: {
        inserted: rows.length,
        unchanged,
        ...(sinces.length ? { firstSince: formatTime(timeFromKey(locked.time_type, min(sinces))), lastSince: formatTime(timeFromKey(locked.time_type, max(sinces))) } : {}),
      },
    };
  });
}

function sinceKey(since: Time | undefined, tag: TagRow, i: number): bigint {
  if (!since || typeof since !== 'object' || (since.kind !== 'run' && since.kind !== 'timestamp')) {
    throw new ValidationError(`IOV #${i} for tag ${tag.name} has no valid since: expected a ${tag.time_type} time`);
  }
  if (since.kind !== tag.time_type) {
    throw new ValidationError(`IOV #${i} since ${formatTime(since)} is a ${since.kind} time but tag ${tag.name} uses ${tag.time_type} times`);
  }
  try {
    return checkedTimeKey(since);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`IOV #${i} for tag ${tag.name}: ${err.message}`);
    throw err;
  }
}

/**
 * The greatest since ever written to a tag, exact: read as text, because SQLite returns a
 * 64-bit aggregate as a JS double (rounded above 2^53).
 */
export async function lastSince(k: Knex | Knex.Transaction, tagId: number): Promise<bigint | null> {
  const r = rowsOf(await k.raw('SELECT CAST(MAX(since) AS TEXT) AS s FROM iovs WHERE tag_id = ?', [tagId]))[0];
  return r?.s === null || r?.s === undefined ? null : BigInt(String(r.s));
}

const min = (xs: bigint[]): bigint => xs.reduce((a, b) => (b < a ? b : a));
const max = (xs: bigint[]): bigint => xs.reduce((a, b) => (b > a ? b : a));

export { rowsOf } from './rows-of.js';

/** Options of {@link listIovs}. */
export interface ListIovsOptions {
  /** Start of the range (inclusive); the IOV covering it is included. */
  from?: Time;
  /** End of the range (exclusive). */
  to?: Time;
  /** Ignore rows inserted after this time. */
  asOf?: Date;
  /** List every row, superseded ones too, instead of the effective sequence. */
  history?: boolean;
  /** Page size, 1..10000 (default 1000). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * IOVs of a tag in a time range, in since order, one page at a time. Pages are stable: the
 * cursor is the last since (and row id for history), not an offset.
 */
export async function listIovs(ctx: DbContext, tagName: string, opts: ListIovsOptions = {}): Promise<{ items: IovInfo[]; nextCursor: string | null }> {
  const tag = await tagRow(ctx.knex, tagName);
  const limit = opts.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new ValidationError(`limit ${limit} is invalid: expected an integer 1..10000`);
  const asOf = asOfMicros(opts.asOf);
  const check = (t: Time | undefined, what: string): bigint | undefined => {
    if (t === undefined) return undefined;
    if (t.kind !== tag.time_type) throw new ValidationError(`${what} ${formatTime(t)} is a ${t.kind} time but tag ${tag.name} uses ${tag.time_type} times`);
    return timeKey(t);
  };
  const from = check(opts.from, 'from');
  const to = check(opts.to, 'to');
  let lower: bigint | undefined = from;
  if (from !== undefined) {
    const cover = rowsOf(await ctx.knex.raw('SELECT CAST(MAX(since) AS TEXT) AS s FROM iovs WHERE tag_id = ? AND since <= ? AND inserted_at <= ?', [tag.id, from.toString(), asOf]))[0];
    if (cover?.s !== null && cover?.s !== undefined) lower = BigInt(String(cover.s));
  }
  const where: string[] = ['i.tag_id = ?', 'i.inserted_at <= ?'];
  const binds: (string | number)[] = [tag.id, asOf];
  if (lower !== undefined) where.push('i.since >= ?'), binds.push(lower.toString());
  if (to !== undefined) where.push('i.since < ?'), binds.push(to.toString());
  const [cSince, cId] = parseCursor(opts.cursor, opts.history === true);
  if (cSince !== undefined) {
    if (opts.history) where.push('(i.since > ? OR (i.since = ? AND i.id > ?))'), binds.push(cSince, cSince, cId!);
    else where.push('i.since > ?'), binds.push(cSince);
  }
  const superseded = `EXISTS (SELECT 1 FROM iovs j WHERE j.tag_id = i.tag_id AND j.since = i.since AND j.inserted_at <= ? AND ${LATER})`;
  const sql = opts.history
    ? `SELECT CAST(i.since AS TEXT) AS since, i.id, i.payload_hash AS hash, i.inserted_at, CASE WHEN ${superseded} THEN 0 ELSE 1 END AS current
       FROM iovs i WHERE ${where.join(' AND ')} ORDER BY i.since, i.id LIMIT ?`
    : `SELECT CAST(i.since AS TEXT) AS since, i.id, i.payload_hash AS hash, i.inserted_at, 1 AS current
       FROM iovs i WHERE ${where.join(' AND ')} AND NOT ${superseded} ORDER BY i.since LIMIT ?`;
  const rows = rowsOf(await ctx.knex.raw(sql, opts.history ? [asOf, ...binds, limit + 1] : [...binds, asOf, limit + 1]));
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  // The end of each effective IOV is the next effective since (rows at the same since do not end it).
  const items: IovInfo[] = [];
  const nextSince = async (after: bigint): Promise<bigint | null> => {
    const r = rowsOf(await ctx.knex.raw('SELECT CAST(MIN(since) AS TEXT) AS s FROM iovs WHERE tag_id = ? AND since > ? AND inserted_at <= ?', [tag.id, after.toString(), asOf]))[0];
    return r?.s === null || r?.s === undefined ? null : BigInt(String(r.s));
  };
  const sinces = rows.map((r) => BigInt(String(r.since)));
  const untils: (bigint | null)[] = new Array(page.length);
  for (let i = page.length - 1; i >= 0; i--) {
    const s = sinces[i]!;
    const after = sinces[i + 1];
    if (after !== undefined && after > s) untils[i] = after;
    else if (after !== undefined && i + 1 < page.length) untils[i] = untils[i + 1] ?? null;
    else untils[i] = await nextSince(s);
  }
  for (let i = 0; i < page.length; i++) {
    const r = page[i]!;
    const until = untils[i]!;
    items.push({
      since: timeFromKey(tag.time_type, sinces[i]!),
      until: until === null ? null : timeFromKey(tag.time_type, until),
      hash: String(r.hash),
      insertedAt: microsToDate(Number(r.inserted_at)),
      current: Number(r.current) === 1,
    });
  }
  const lastRow = page[page.length - 1];
  const nextCursor = more && lastRow ? (opts.history ? `${String(lastRow.since)}/${String(lastRow.id)}` : String(lastRow.since)) : null;
  return { items, nextCursor };
}

function parseCursor(cursor: string | undefined, history: boolean): [string | undefined, string | undefined] {
  if (cursor === undefined) return [undefined, undefined];
  const m = history ? /^(\d+)\/(\d+)$/.exec(cursor) : /^(\d+)$/.exec(cursor);
  if (!m) throw new ValidationError(`cursor "${cursor}" is invalid: expected the nextCursor of a previous page`);
  return [m[1], m[2]];
}
