import type { Knex } from 'knex';
import { ConflictError } from '@nucal/core';
import { LATEST } from './as-of.js';
import type { DbContext } from './context.js';
import { gtRow } from './global-tags.js';
import { insertRows } from './insert-rows.js';
import { writeTransaction } from './write-transaction.js';

const PAYLOAD_COLUMNS = ['hash', 'record_name', 'record_version', 'data', 'provenance', 'size_bytes', 'created_at'];

/** Everything one or more global tags need, as rows: what an export file holds. */
export interface Bundle {
  records: Record<string, unknown>[];
  payloads: Record<string, unknown>[];
  tags: Record<string, unknown>[];
  iovs: Record<string, unknown>[];
  globalTags: Record<string, unknown>[];
  entries: Record<string, unknown>[];
}

/** What {@link importBundle} added (existing identical content is skipped). */
export interface ImportSummary {
  records: number;
  payloads: number;
  tags: number;
  iovs: number;
  globalTags: number;
}

/**
 * Collects a global tag and only what it needs: its map, the mapped tags, their IOV rows up
 * to the snapshot (history included, so "as of" lookups stay reproducible), the payloads they
 * reference and the record definitions.
 */
export async function collectGlobalTag(ctx: DbContext, gtName: string): Promise<Bundle> {
  const gt = await gtRow(ctx.knex, gtName);
  const entries = await ctx.knex('global_tag_entries').where({ global_tag_id: gt.id });
  const tagIds = entries.map((e) => Number(e.tag_id));
  const tags = tagIds.length ? await ctx.knex('tags').whereIn('id', tagIds) : [];
  const bound = gt.snapshot_at === null ? LATEST : Number(gt.snapshot_at);
  const iovs = tagIds.length
    ? await ctx.knex('iovs').whereIn('tag_id', tagIds).andWhere('inserted_at', '<=', bound).orderBy('id')
        .select('id', 'tag_id', ctx.knex.raw('CAST(since AS TEXT) AS since'), 'payload_hash', 'inserted_at')
    : [];
  const hashes = [...new Set(iovs.map((i) => String(i.payload_hash)))];
  const payloads: Record<string, unknown>[] = [];
  for (let i = 0; i < hashes.length; i += 500) payloads.push(...(await ctx.knex('payloads').whereIn('hash', hashes.slice(i, i + 500))));
  const recordKeys = new Set(tags.map((t) => `${t.record_name}@${t.record_version}`));
  const records = (await ctx.knex('records')).filter((r) => recordKeys.has(`${r.name}@${r.version}`));
  return { records, payloads, tags, iovs, globalTags: [gt as unknown as Record<string, unknown>], entries };
}

/** Reads every global tag of a database with what it needs (an import source). */
export async function collectAll(ctx: DbContext): Promise<Bundle> {
  const names: string[] = (await ctx.knex('global_tags').select('name')).map((r) => String(r.name));
  const out: Bundle = { records: [], payloads: [], tags: [], iovs: [], globalTags: [], entries: [] };
  for (const n of names) {
    const b = await collectGlobalTag(ctx, n);
    for (const k of Object.keys(out) as (keyof Bundle)[]) out[k].push(...b[k]);
  }
  return out;
}

/**
 * Writes a bundle into a database in one transaction, adding only what is missing and
 * refusing anything that contradicts what is there (a different schema under one record
 * version, a tag of another record or time type, a locked tag that would gain IOVs, a global
 * tag with another map or snapshot).
 */
export async function importBundle(ctx: DbContext, b: Bundle, label: string): Promise<ImportSummary> {
  return writeTransaction(ctx, 'import', label, async (trx) => {
    const s: ImportSummary = { records: 0, payloads: 0, tags: 0, iovs: 0, globalTags: 0 };
    for (const r of dedupe(b.records, (r) => `${r.name}@${r.version}`)) {
      const have = await trx('records').where({ name: r.name, version: r.version }).first();
      if (have) {
        if (have.json_schema !== r.json_schema) throw new ConflictError(`record ${String(r.name)}@${String(r.version)} exists here with a different schema`);
      } else {
        await trx('records').insert(r);
        s.records++;
      }
    }
    const payloads = dedupe(b.payloads, (p) => String(p.hash));
    for (let i = 0; i < payloads.length; i += 1000) {
      const chunk = payloads.slice(i, i + 1000);
      const have = new Set((await trx('payloads').whereIn('hash', chunk.map((p) => p.hash as string)).select('hash')).map((r) => String(r.hash)));
      const fresh = chunk.filter((p) => !have.has(String(p.hash)));
      await insertRows(trx, 'payloads', PAYLOAD_COLUMNS, fresh.map((p) => PAYLOAD_COLUMNS.map((c) => p[c])));
      s.payloads += fresh.length;
    }
    const tagIdMap = new Map<number, number>();
    for (const t of dedupe(b.tags, (t) => String(t.name))) {
      const mine = await trx('tags').where({ name: t.name }).first();
      const srcIovs = b.iovs.filter((i) => Number(i.tag_id) === Number(t.id));
      if (mine) {
        if (mine.record_name !== t.record_name || Number(mine.record_version) !== Number(t.record_version) || mine.time_type !== t.time_type) {
          throw new ConflictError(`tag ${String(t.name)} exists here for ${mine.record_name}@${mine.record_version} (${mine.time_type}), not ${String(t.record_name)}@${String(t.record_version)} (${String(t.time_type)})`);
        }
        tagIdMap.set(Number(t.id), Number(mine.id));
        s.iovs += await mergeIovs(trx, Number(mine.id), String(t.name), mine.state === 'locked', srcIovs);
      } else {
        const { id: _drop, ...row } = t;
        const [inserted] = await trx('tags').insert(row).returning('id');
        const id = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
        tagIdMap.set(Number(t.id), id);
        s.tags++;
        s.iovs += await mergeIovs(trx, id, String(t.name), false, srcIovs);
      }
    }
    for (const g of dedupe(b.globalTags, (g) => String(g.name))) {
      const srcEntries = b.entries.filter((e) => Number(e.global_tag_id) === Number(g.id));
      const wanted = new Map(srcEntries.map((e) => [String(e.record_name), tagIdMap.get(Number(e.tag_id))]));
      const mine = await trx('global_tags').where({ name: g.name }).first();
      if (mine) {
        const have = await trx('global_tag_entries').where({ global_tag_id: mine.id });
        const same = have.length === wanted.size && have.every((e) => wanted.get(String(e.record_name)) === Number(e.tag_id)) && String(mine.snapshot_at) === String(g.snapshot_at);
        if (!same) throw new ConflictError(`global tag ${String(g.name)} exists here with a different map or snapshot`);
        continue;
      }
      const { id: _drop, ...row } = g;
      const [inserted] = await trx('global_tags').insert(row).returning('id');
      const id = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
      for (const e of srcEntries) {
        await trx('global_tag_entries').insert({ global_tag_id: id, record_name: e.record_name, tag_id: tagIdMap.get(Number(e.tag_id)), updated_at: e.updated_at });
      }
      s.globalTags++;
    }
    return { result: s, details: { ...s } };
  });
}

/** Adds the IOV rows of a source tag that this tag lacks (same since, payload and insertion time). */
async function mergeIovs(trx: Knex.Transaction, tagId: number, tagName: string, locked: boolean, rows: Record<string, unknown>[]): Promise<number> {
  const have = new Set(
    (await trx('iovs').where({ tag_id: tagId }).select(trx.raw('CAST(since AS TEXT) AS since'), 'payload_hash', 'inserted_at')).map(
      (r) => `${String(r.since)}|${String(r.payload_hash)}|${String(r.inserted_at)}`,
    ),
  );
  const fresh = rows
    .filter((r) => !have.has(`${String(r.since)}|${String(r.payload_hash)}|${String(r.inserted_at)}`))
    .map((r) => [tagId, String(r.since), r.payload_hash, r.inserted_at]);
  if (fresh.length && locked) throw new ConflictError(`tag ${tagName} is locked here and would gain ${fresh.length} IOVs`);
  await insertRows(trx, 'iovs', ['tag_id', 'since', 'payload_hash', 'inserted_at'], fresh);
  return fresh.length;
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const m = new Map<string, T>();
  for (const x of xs) if (!m.has(key(x))) m.set(key(x), x);
  return [...m.values()];
}
