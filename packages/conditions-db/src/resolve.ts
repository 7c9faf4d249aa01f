import {
  formatTime, NotFoundError, NoIovError, timeFromKey, timeKey, ValidationError,
  type RecordRef, type Resolution, type Time,
} from '@nucal/core';
import { asOfMicros } from './as-of.js';
import { microsToDate } from './clock.js';
import type { DbContext } from './context.js';
import { rowsOf } from './iovs.js';
import { schemaFor } from './records.js';
import { RESOLVE_BY_GLOBAL_TAG, RESOLVE_BY_TAG } from './resolve-sql.js';
import type { PgReader } from './pg-reader.js';
import type { SqliteReader } from './sqlite-reader.js';

/** What to resolve: through a tag or a global tag, a record, a time, optionally "as of" a past moment. */
export interface ResolveQuery<T = unknown> {
  tag?: string;
  globalTag?: string;
  /** The record (its schema validates the payload) or its name. */
  record: RecordRef<T> | string;
  at: Time;
  /** Ignore IOVs inserted after this moment (a global tag's snapshot applies as well). */
  asOf?: Date;
}

const PAYLOAD_CACHE_LIMIT = 50_000;

/**
 * Finds the payload valid at `at`: the IOV with the greatest since not after it (the latest
 * insertion at that since), with its end, the next since. Payloads are validated against
 * the record schema once per hash and kept, as they never change.
 */
export async function resolve<T>(ctx: DbContext, reader: SqliteReader | PgReader, q: ResolveQuery<T>): Promise<Resolution<T>> {
  if ((q.tag === undefined) === (q.globalTag === undefined)) {
    throw new ValidationError('resolve needs exactly one of tag or globalTag');
  }
  const recordName = typeof q.record === 'string' ? q.record : q.record?.name;
  if (typeof recordName !== 'string') throw new ValidationError('resolve needs a record (a record definition or its name)');
  if (!q.at || (q.at.kind !== 'run' && q.at.kind !== 'timestamp')) throw new ValidationError(`time ${String(q.at)} is invalid: expected a run or timestamp time`);
  const params = {
    tag: q.tag ?? '',
    gt: q.globalTag ?? '',
    record: recordName,
    at: timeKey(q.at).toString(),
    bound: asOfMicros(q.asOf),
  };
  const sql = q.tag !== undefined ? RESOLVE_BY_TAG : RESOLVE_BY_GLOBAL_TAG;
  const row = await reader.get(sql, params);
  if (!row) return diagnose(ctx, q, recordName);
  const timeType = row.time_type as Time['kind'];
  const tagName = String(row.tag);
  if (timeType !== q.at.kind) {
    throw new ValidationError(`time ${formatTime(q.at)} is a ${q.at.kind} time but tag ${tagName} uses ${timeType} times`);
  }
  const version = Number(row.record_version);
  if (row.record_name !== recordName) {
    throw new ValidationError(`tag ${tagName} holds record ${String(row.record_name)}@${version}, not ${recordName}`);
  }
  if (typeof q.record !== 'string' && q.record.version !== version) {
    throw new ValidationError(`tag ${tagName} holds ${recordName}@${version} but version ${q.record.version} was asked for`);
  }
  const hash = String(row.hash);
  let payload = ctx.payloads.get(hash);
  if (payload === undefined) {
    const schema = typeof q.record === 'string' ? await schemaFor(ctx, recordName, version) : q.record.schema;
    const parsed = schema.safeParse(JSON.parse(String(row.data)));
    if (!parsed.success) throw new ValidationError(`stored payload ${hash} no longer matches ${recordName}@${version}: ${parsed.error.message}`);
    payload = parsed.data;
    if (ctx.payloads.size >= PAYLOAD_CACHE_LIMIT) ctx.payloads.clear();
    ctx.payloads.set(hash, payload);
  }
  const resolution: Resolution<T> = {
    record: { name: recordName, version },
    payload: payload as T,
    hash,
    since: timeFromKey(timeType, BigInt(String(row.since))),
    until: row.until === null || row.until === undefined ? null : timeFromKey(timeType, BigInt(String(row.until))),
    tag: tagName,
    insertedAt: microsToDate(Number(row.inserted_at)),
    ...(q.globalTag !== undefined ? { globalTag: q.globalTag } : {}),
  };
  return resolution;
}

/** Explains an empty lookup: which of tag, global tag, record mapping, time type or coverage is missing. */
async function diagnose(ctx: DbContext, q: ResolveQuery<unknown>, recordName: string): Promise<never> {
  let tagName = q.tag;
  if (q.globalTag !== undefined) {
    const gt = await ctx.knex('global_tags').where({ name: q.globalTag }).first();
    if (!gt) throw new NotFoundError(`global tag ${q.globalTag} does not exist`);
    const entry = await ctx.knex('global_tag_entries as e').join('tags as t', 't.id', 'e.tag_id').where({ 'e.global_tag_id': gt.id, 'e.record_name': recordName }).first('t.name as name');
    if (!entry) throw new NoIovError(`global tag ${q.globalTag} maps no tag for record ${recordName}`, null);
    tagName = String(entry.name);
  }
  const tag = await ctx.knex('tags').where({ name: tagName }).first();
  if (!tag) throw new NotFoundError(`tag ${tagName} does not exist`);
  if (tag.record_name !== recordName) throw new ValidationError(`tag ${tagName} holds record ${tag.record_name}@${tag.record_version}, not ${recordName}`);
  if (tag.time_type !== q.at.kind) throw new ValidationError(`time ${formatTime(q.at)} is a ${q.at.kind} time but tag ${tagName} uses ${tag.time_type} times`);
  const first = rowsOf(await ctx.knex.raw('SELECT CAST(MIN(since) AS TEXT) AS s FROM iovs WHERE tag_id = ?', [tag.id]))[0];
  const via = q.globalTag !== undefined ? ` (via global tag ${q.globalTag})` : '';
  if (first?.s === null || first?.s === undefined) throw new NoIovError(`tag ${tagName}${via} has no IOVs`, null);
  const firstSince = timeFromKey(tag.time_type, BigInt(String(first.s)));
  throw new NoIovError(`no IOV of tag ${tagName}${via} covers ${formatTime(q.at)}${q.asOf || q.globalTag ? ' as of the snapshot' : ''}: its first since is ${formatTime(firstSince)}`, firstSince);
}
