import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '@nucal/core';
import { dateToBound, microsToDate } from './clock.js';
import type { DbContext } from './context.js';
import { tagRow } from './tags.js';
import { CreateGlobalTagInput, RecordNameSchema, TagNameSchema, type GlobalTagInfo } from './types.js';
import { parseInput } from './validate.js';
import { writeTransaction } from './write-transaction.js';

interface GlobalTagRow {
  id: number;
  name: string;
  description: string;
  snapshot_at: number | string | null;
  state: 'open' | 'locked';
  created_at: number | string;
  locked_at: number | string | null;
}

/** Creates an empty, open global tag. */
export async function createGlobalTag(ctx: DbContext, input: CreateGlobalTagInput): Promise<GlobalTagInfo> {
  const g = parseInput(CreateGlobalTagInput, input, 'global tag definition');
  return writeTransaction(ctx, 'gt.create', g.name, async (trx, stamp) => {
    if (await trx('global_tags').where({ name: g.name }).first()) throw new ConflictError(`global tag ${g.name} already exists`);
    const snapshot = g.snapshot ? snapshotBound(g.name, g.snapshot, stamp) : null;
    const row = { name: g.name, description: g.description, snapshot_at: snapshot, state: 'open' as const, created_at: stamp, locked_at: null };
    await trx('global_tags').insert(row);
    return { result: toInfo(row, []), details: { snapshot: g.snapshot?.toISOString() ?? null } };
  });
}

/** Maps `record` to `tag` in an open global tag (replacing an earlier mapping of that record). */
export async function setGlobalTagEntry(ctx: DbContext, gtName: string, record: string, tagName: string): Promise<GlobalTagInfo> {
  parseInput(TagNameSchema, gtName, `global tag name "${gtName}"`);
  parseInput(RecordNameSchema, record, `record name "${record}"`);
  parseInput(TagNameSchema, tagName, `tag name "${tagName}"`);
  return writeTransaction(ctx, 'gt.set', gtName, async (trx, stamp) => {
    const gt = await gtRow(trx, gtName, true);
    if (gt.state === 'locked') throw new ConflictError(`global tag ${gtName} is locked: its record -> tag map cannot change`);
    const tag = await tagRow(trx, tagName);
    if (tag.record_name !== record) throw new ConflictError(`tag ${tagName} holds record ${tag.record_name}, not ${record}`);
    const previous = await trx('global_tag_entries').where({ global_tag_id: gt.id, record_name: record }).first();
    if (previous) await trx('global_tag_entries').where({ global_tag_id: gt.id, record_name: record }).update({ tag_id: tag.id, updated_at: stamp });
    else await trx('global_tag_entries').insert({ global_tag_id: gt.id, record_name: record, tag_id: tag.id, updated_at: stamp });
    return { result: toInfo(gt, await entries(trx, gt.id)), details: { record, tag: tagName, replacedTagId: previous?.tag_id ?? null } };
  });
}

/**
 * Locks a global tag: its map never changes again. With a snapshot (a date, or 'now'), every
 * lookup through it also ignores IOVs inserted later, so what reconstruction sees is frozen.
 */
export async function lockGlobalTag(ctx: DbContext, gtName: string, opts: { snapshot?: Date | 'now' } = {}): Promise<GlobalTagInfo> {
  parseInput(TagNameSchema, gtName, `global tag name "${gtName}"`);
  return writeTransaction(ctx, 'gt.lock', gtName, async (trx, stamp) => {
    const gt = await gtRow(trx, gtName, true);
    if (gt.state === 'locked') {
      // What a locked global tag resolves never changes: no new snapshot, earlier or later.
      if (opts.snapshot !== undefined) throw new ConflictError(`global tag ${gtName} is already locked: its snapshot cannot change`);
      return { result: toInfo(gt, await entries(trx, gt.id)), details: { unchanged: true } };
    }
    const snapshot = opts.snapshot === 'now' ? stamp : opts.snapshot ? snapshotBound(gtName, opts.snapshot, stamp) : gt.snapshot_at === null ? null : Number(gt.snapshot_at);
    if (gt.snapshot_at !== null && snapshot !== null && snapshot > Number(gt.snapshot_at)) {
      throw new ConflictError(`global tag ${gtName} already has snapshot ${microsToDate(Number(gt.snapshot_at)).toISOString()}: a lock cannot move it later`);
    }
    await trx('global_tags').where({ id: gt.id }).update({ state: 'locked', locked_at: stamp, snapshot_at: snapshot });
    const row = { ...gt, state: 'locked' as const, locked_at: stamp, snapshot_at: snapshot };
    return { result: toInfo(row, await entries(trx, gt.id)), details: { snapshot: snapshot === null ? null : microsToDate(snapshot).toISOString() } };
  });
}

/**
 * The insertion bound of a snapshot date (its whole millisecond included), refused when later
 * than the database's clock: IOVs written until then would still change what it resolves.
 */
function snapshotBound(gtName: string, d: Date, stamp: number): number {
  if (!(d instanceof Date) || Number.isNaN(d.getTime()) || d.getTime() < 0) throw new ValidationError(`snapshot of global tag ${gtName} is not a valid date`);
  const bound = dateToBound(d);
  if (bound > stamp) {
    throw new ConflictError(`snapshot ${d.toISOString()} of global tag ${gtName} is later than the database's clock (${microsToDate(stamp).toISOString()}): use "now" or a past date`);
  }
  return bound;
}

/** A global tag with its map. */
export async function getGlobalTag(ctx: DbContext, name: string): Promise<GlobalTagInfo> {
  const gt = await gtRow(ctx.knex, name);
  return toInfo(gt, await entries(ctx.knex, gt.id));
}

/** Every global tag, by name. */
export async function listGlobalTags(ctx: DbContext): Promise<GlobalTagInfo[]> {
  const rows: GlobalTagRow[] = await ctx.knex('global_tags').orderBy('name');
  return Promise.all(rows.map(async (r) => toInfo(r, await entries(ctx.knex, r.id))));
}

export async function gtRow(k: Knex | Knex.Transaction, name: string, forUpdate = false): Promise<GlobalTagRow> {
  const q = k<GlobalTagRow>('global_tags').where({ name }).first();
  if (forUpdate && k.client.config.client === 'pg') q.forUpdate();
  const row = await q;
  if (!row) throw new NotFoundError(`global tag ${name} does not exist`);
  return row;
}

async function entries(k: Knex | Knex.Transaction, gtId: number): Promise<{ record: string; tag: string }[]> {
  const rows = await k('global_tag_entries as e').join('tags as t', 't.id', 'e.tag_id').where('e.global_tag_id', gtId).orderBy('e.record_name').select('e.record_name as record', 't.name as tag');
  return rows.map((r) => ({ record: String(r.record), tag: String(r.tag) }));
}

function toInfo(row: Omit<GlobalTagRow, 'id'>, e: { record: string; tag: string }[]): GlobalTagInfo {
  return {
    name: row.name,
    description: row.description,
    snapshot: row.snapshot_at === null ? null : microsToDate(Number(row.snapshot_at)),
    state: row.state,
    createdAt: microsToDate(Number(row.created_at)),
    lockedAt: row.locked_at === null ? null : microsToDate(Number(row.locked_at)),
    entries: e,
  };
}
