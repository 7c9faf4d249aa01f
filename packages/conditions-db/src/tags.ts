import type { Knex } from 'knex';
import { ConflictError, NotFoundError, PermissionError } from '@nucal/core';
import { microsToDate } from './clock.js';
import type { DbContext } from './context.js';
import { parseInput } from './validate.js';
import { CreateTagInput, TagNameSchema, type TagInfo } from './types.js';
import { writeTransaction } from './write-transaction.js';

/** A tag row as read from the database. */
export interface TagRow {
  id: number;
  name: string;
  record_name: string;
  record_version: number;
  time_type: 'run' | 'timestamp';
  description: string;
  state: 'open' | 'locked';
  allow_backfill: boolean | number;
  created_at: number | string;
  locked_at: number | string | null;
}

/** Creates a tag for one record and time type. */
export async function createTag(ctx: DbContext, input: CreateTagInput): Promise<TagInfo> {
  const t = parseInput(CreateTagInput, input, 'tag definition');
  return writeTransaction(ctx, 'tag.create', t.name, async (trx, stamp) => {
    const versions = await trx('records').where({ name: t.record }).select('version');
    if (versions.length === 0) throw new NotFoundError(`record ${t.record} is not registered: register it before creating tag ${t.name}`);
    const version = t.recordVersion ?? Math.max(...versions.map((v) => Number(v.version)));
    if (!versions.some((v) => Number(v.version) === version)) {
      throw new NotFoundError(`record ${t.record}@${version} is not registered: registered versions are ${versions.map((v) => v.version).join(', ')}`);
    }
    if (await trx('tags').where({ name: t.name }).first()) throw new ConflictError(`tag ${t.name} already exists`);
    const row = {
      name: t.name, record_name: t.record, record_version: version, time_type: t.timeType,
      description: t.description, state: 'open' as const, allow_backfill: t.allowBackfill, created_at: stamp, locked_at: null,
    };
    await trx('tags').insert(row);
    return { result: toTagInfo(row), details: { record: `${t.record}@${version}`, timeType: t.timeType, allowBackfill: t.allowBackfill } };
  });
}

/** Locks a tag: it accepts no more IOVs, ever. Locking a locked tag is a no-op. */
export async function lockTag(ctx: DbContext, name: string): Promise<TagInfo> {
  parseInput(TagNameSchema, name, `tag name "${name}"`);
  return writeTransaction(ctx, 'tag.lock', name, async (trx, stamp) => {
    const seen = await tagRow(trx, name);
    if (seen.state === 'locked') return { result: toTagInfo(seen), details: { unchanged: true } };
    const row = await tagRow(trx, name, true);
    const lockedAt = stamp;
    // Row-level security turns a forbidden UPDATE into one that matches nothing: count it.
    const n = await trx('tags').where({ id: row.id }).update({ state: 'locked', locked_at: lockedAt });
    if (Number(n) !== 1) throw new PermissionError(`tag ${name} is outside the tag prefixes this role may write`);
    return { result: toTagInfo({ ...row, state: 'locked', locked_at: lockedAt }), details: {} };
  });
}

/** One tag by name. */
export async function getTag(ctx: DbContext, name: string): Promise<TagInfo> {
  return toTagInfo(await tagRow(ctx.knex, name));
}

/** Tags, optionally of one record, by name. */
export async function listTags(ctx: DbContext, opts: { record?: string } = {}): Promise<TagInfo[]> {
  const q = ctx.knex<TagRow>('tags').orderBy('name');
  if (opts.record) q.where({ record_name: opts.record });
  return (await q).map(toTagInfo);
}

/** The tag row or a {@link NotFoundError}; `forUpdate` serialises writers of one tag on PostgreSQL. */
export async function tagRow(k: Knex | Knex.Transaction, name: string, forUpdate = false): Promise<TagRow> {
  const q = k<TagRow>('tags').where({ name }).first();
  if (forUpdate && k.client.config.client === 'pg') q.forUpdate();
  const row = await q;
  if (!row) {
    // On PostgreSQL, row-level security hides a tag from FOR UPDATE when this role may not write it.
    if (forUpdate && (await k<TagRow>('tags').where({ name }).first())) {
      throw new PermissionError(`tag ${name} is outside the tag prefixes this role may write`);
    }
    throw new NotFoundError(`tag ${name} does not exist`);
  }
  return row;
}

export function toTagInfo(row: Omit<TagRow, 'id'>): TagInfo {
  return {
    name: row.name,
    record: { name: row.record_name, version: Number(row.record_version) },
    timeType: row.time_type,
    description: row.description,
    state: row.state,
    allowBackfill: Boolean(row.allow_backfill),
    createdAt: microsToDate(Number(row.created_at)),
    lockedAt: row.locked_at === null ? null : microsToDate(Number(row.locked_at)),
  };
}
