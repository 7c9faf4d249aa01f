import { chmodSync, closeSync, openSync, rmSync } from 'node:fs';
import type { Knex } from 'knex';
import { ConflictError, ValidationError } from '@nucal/core';
import { LATEST } from './as-of.js';
import { lastStamp, microsToDate } from './clock.js';
import { parseDbUrl } from './connection.js';
import type { DbContext } from './context.js';
import { FILE_MARK_KEY } from './file-mark.js';
import { gtRow } from './global-tags.js';
import { insertRows } from './insert-rows.js';
import { openConditionsDb } from './open.js';
import { rowsOf } from './rows-of.js';
import { verifyBundle, type Bundle } from './verify-bundle.js';
import { writeTransaction } from './write-transaction.js';

export type { Bundle } from './verify-bundle.js';

const PAYLOAD_COLUMNS = ['hash', 'record_name', 'record_version', 'data', 'provenance', 'size_bytes', 'created_at'];

/** What an export wrote. */
export interface ExportSummary {
  readonly file: string;
  readonly records: number;
  readonly payloads: number;
  readonly tags: number;
  readonly iovs: number;
  readonly globalTags: number;
}

/** Options of {@link importFile}. */
export interface ImportOptions {
  /** Check everything and list what would change, then roll back: nothing is written. */
  readonly dryRun?: boolean;
}

/** One change an import makes (or would make, with `dryRun`). */
export interface ImportChange {
  readonly action: 'register-record' | 'store-payloads' | 'create-tag' | 'append-iovs' | 'create-global-tag' | 'move-snapshot';
  readonly target: string;
  readonly count?: number;
  readonly detail?: string;
}

/** What {@link importFile} added (existing identical content is skipped). */
export interface ImportSummary {
  readonly dryRun: boolean;
  readonly records: number;
  readonly payloads: number;
  readonly tags: number;
  readonly iovs: number;
  readonly globalTags: number;
  readonly changes: readonly ImportChange[];
}

/**
 * Collects a global tag and only what it needs: its map, the mapped tags, their IOV rows up
 * to the snapshot (history included, so "as of" lookups stay reproducible), the payloads they
 * reference and the record definitions. `bound` caps the rows of a global tag without a
 * snapshot (the stamp at the start of the export).
 */
async function collectGlobalTag(k: Knex | Knex.Transaction, gtName: string, bound: number): Promise<Bundle> {
  const gt = await gtRow(k, gtName);
  const entries = await k('global_tag_entries').where({ global_tag_id: gt.id });
  const tagIds = entries.map((e) => Number(e.tag_id));
  const tags = tagIds.length ? await k('tags').whereIn('id', tagIds) : [];
  const upTo = gt.snapshot_at === null ? bound : Math.min(bound, Number(gt.snapshot_at));
  const iovs = tagIds.length
    ? await k('iovs').whereIn('tag_id', tagIds).andWhere('inserted_at', '<=', upTo).orderBy('id')
        .select(k.raw('CAST(id AS TEXT) AS id'), 'tag_id', k.raw('CAST(since AS TEXT) AS since'), 'payload_hash', k.raw('CAST(inserted_at AS TEXT) AS inserted_at'))
    : [];
  const hashes = [...new Set(iovs.map((i) => String(i.payload_hash)))];
  const payloads: Record<string, unknown>[] = [];
  for (let i = 0; i < hashes.length; i += 500) payloads.push(...(await k('payloads').whereIn('hash', hashes.slice(i, i + 500))));
  const recordKeys = new Set(tags.map((t) => `${t.record_name}@${t.record_version}`));
  const records = (await k('records')).filter((r) => recordKeys.has(`${r.name}@${r.version}`));
  return { records, payloads, tags, iovs, globalTags: [gt as unknown as Record<string, unknown>], entries };
}

/**
 * Every global tag of a database with what it needs, read in one transaction: a consistent
 * view (SQLite's read transaction; REPEATABLE READ on PostgreSQL, where READ COMMITTED would
 * let a concurrent writer change the map between two statements).
 */
async function collectAll(ctx: DbContext, only?: string): Promise<Bundle> {
  const config = ctx.dialect === 'postgres' ? { isolationLevel: 'repeatable read' as const } : {};
  return ctx.knex.transaction(async (trx) => {
    const bound = await lastStamp(trx);
    const names: string[] = only !== undefined ? [only] : (await trx('global_tags').orderBy('id').select('name')).map((r) => String(r.name));
    const out: Bundle = { records: [], payloads: [], tags: [], iovs: [], globalTags: [], entries: [] };
    for (const n of names) {
      const b = await collectGlobalTag(trx, n, bound);
      for (const key of Object.keys(out) as (keyof Bundle)[]) out[key].push(...b[key]);
    }
    out.records = dedupe(out.records, (r) => `${r.name}@${r.version}`);
    out.payloads = dedupe(out.payloads, (p) => String(p.hash));
    out.tags = dedupe(out.tags, (t) => String(t.id));
    out.iovs = dedupe(out.iovs, (i) => String(i.id)).sort((a, b) => cmpId(a.id, b.id));
    return out;
  }, config);
}

/**
 * Writes a global tag to a new SQLite file: created exclusively (an existing path is refused,
 * even one that appears meanwhile), rows copied as they are (insertion stamps and order kept,
 * so the file resolves exactly like the source through that global tag), marked read-only,
 * with a rollback journal so that it opens read-only anywhere, and made read-only on disk.
 */
export async function exportGlobalTag(ctx: DbContext, gtName: string, file: string): Promise<ExportSummary> {
  const target = parseDbUrl(file);
  if (target.dialect !== 'sqlite') throw new ValidationError(`export target ${ctx.location === file ? file : target.location} is not a file path: expected a new SQLite file`);
  const path = target.location;
  const bundle = await collectAll(ctx, gtName);
  try {
    closeSync(openSync(path, 'wx'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ConflictError(`export file ${path} already exists: choose a new path (an export never writes into an existing file)`);
    throw new ValidationError(`export file ${path} cannot be created (${code ?? String(err)})`);
  }
  try {
    const out = await openConditionsDb({ url: path, create: true });
    try {
      const octx = out.context;
      const summary = await writeTransaction(octx, 'export.write', gtName, async (trx, stamp) => {
        await insertRows(trx, 'records', ['name', 'version', 'description', 'json_schema', 'created_at'], bundle.records.map((r) => [r.name, r.version, r.description, r.json_schema, r.created_at]));
        await insertRows(trx, 'payloads', PAYLOAD_COLUMNS, bundle.payloads.map((p) => PAYLOAD_COLUMNS.map((c) => p[c])));
        const tagIds = new Map<string, number>();
        for (const t of bundle.tags) {
          const [row] = await trx('tags').insert({
            name: t.name, record_name: t.record_name, record_version: t.record_version, time_type: t.time_type, description: t.description,
            state: t.state, allow_backfill: Boolean(t.allow_backfill), created_at: t.created_at, locked_at: t.locked_at,
          }).returning('id');
          tagIds.set(String(t.id), idOf(row));
        }
        await insertRows(trx, 'iovs', ['tag_id', 'since', 'payload_hash', 'inserted_at'], bundle.iovs.map((i) => [tagIds.get(String(i.tag_id)), String(i.since), i.payload_hash, String(i.inserted_at)]));
        for (const g of bundle.globalTags) {
          const [row] = await trx('global_tags').insert({
            name: g.name, description: g.description, snapshot_at: g.snapshot_at, state: g.state, created_at: g.created_at, locked_at: g.locked_at,
          }).returning('id');
          for (const e of bundle.entries.filter((x) => String(x.global_tag_id) === String(g.id))) {
            await trx('global_tag_entries').insert({ global_tag_id: idOf(row), record_name: e.record_name, tag_id: tagIds.get(String(e.tag_id)), updated_at: e.updated_at });
          }
        }
        const note = `export of global tag ${gtName} from ${ctx.location} at ${microsToDate(stamp).toISOString()}`;
        await trx('nucal_meta').insert({ key: FILE_MARK_KEY, value: JSON.stringify({ kind: 'export', note }) });
        const s: ExportSummary = { file: path, records: bundle.records.length, payloads: bundle.payloads.length, tags: bundle.tags.length, iovs: bundle.iovs.length, globalTags: bundle.globalTags.length };
        return { result: s, details: { ...s } };
      });
      // A rollback journal, not WAL: a read-only open then needs no -wal/-shm files.
      await out.knex.raw('PRAGMA journal_mode = DELETE');
      await out.close();
      chmodSync(path, 0o444);
      return summary;
    } catch (err) {
      await out.close().catch(() => undefined);
      throw err;
    }
  } catch (err) {
    for (const s of ['', '-wal', '-shm', '-journal']) rmSync(path + s, { force: true });
    throw err;
  }
}

/**
 * Imports every global tag of a nucal SQLite file. Nothing in the file is trusted: every
 * payload hash is recomputed and every payload validated ({@link verifyBundle}) before the
 * write transaction starts. Then, under the same write lock as an append:
 * - a record must be absent or have the same schema;
 * - a tag absent here is copied whole (its rows, history and insertion stamps, so the global
 *   tags that use it resolve here as in the file);
 * - a tag present here must hold the same record and time type, and gains the file's
 *   effective IOVs exactly as an append would add them: identical ones are unchanged, a
 *   locked tag gains nothing, a tag without back-fill gains nothing below its last since, and
 *   the new rows carry this database's stamp;
 * - a global tag present here must have the same state, snapshot and map; a new one is
 *   created, and must resolve here exactly as in the file. When rows it needs were appended by this import (stamped now), its snapshot is
 *   moved to this import's stamp if that reproduces the file's answers, else the import is
 *   refused.
 * Existing locked global tags never change what they resolve: the rows an import adds to
 * their tags are stamped after their snapshot.
 */
export async function importFile(ctx: DbContext, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const src = await openConditionsDb({ url: file, readOnly: true });
  let bundle: Bundle;
  try {
    bundle = await collectAll(src.context);
  } finally {
    await src.close();
  }
  verifyBundle(bundle, file);
  return importBundle(ctx, bundle, { source: file, action: 'import', target: `import from ${file}`, dryRun: opts.dryRun === true });
}

/** How {@link importBundle} writes a verified bundle (the file import and the tag clone). */
export interface BundleImport {
  /** Where the bundle came from, for messages (a file, or `tag X of <database>`). */
  readonly source: string;
  /** Audit action and target of the one write. */
  readonly action: string;
  readonly target: string;
  readonly dryRun?: boolean;
  /** Refuse a tag of the bundle that exists here already (a clone never appends). */
  readonly newTagsOnly?: boolean;
  /** Stamp the rows of a new tag with this write's stamp instead of keeping theirs. */
  readonly restamp?: boolean;
}

/**
 * Writes a bundle that {@link verifyBundle} accepted, under the rules of an append (see
 * {@link importFile}), in one write transaction with one audit entry.
 */
export async function importBundle(ctx: DbContext, bundle: Bundle, how: BundleImport): Promise<ImportSummary> {
  const file = how.source;
  const opts = { dryRun: how.dryRun === true };
  return writeTransaction(ctx, how.action, how.target.slice(0, 250), async (trx, stamp) => {
    const changes: ImportChange[] = [];
    let records = 0;
    for (const r of bundle.records) {
      const have = await trx('records').where({ name: r.name, version: r.version }).first();
      if (have) {
        if (have.json_schema !== r.json_schema) throw new ConflictError(`record ${String(r.name)}@${String(r.version)} exists here with a different schema than in ${file}`);
        continue;
      }
      await trx('records').insert({ name: r.name, version: r.version, description: r.description, json_schema: r.json_schema, created_at: stamp });
      records++;
      changes.push({ action: 'register-record', target: `${String(r.name)}@${String(r.version)}` });
    }
    let payloads = 0;
    for (let i = 0; i < bundle.payloads.length; i += 1000) {
      const chunk = bundle.payloads.slice(i, i + 1000);
      const have = new Set((await trx('payloads').whereIn('hash', chunk.map((p) => String(p.hash))).select('hash')).map((r) => String(r.hash)));
      const fresh = chunk.filter((p) => !have.has(String(p.hash)));
      await insertRows(trx, 'payloads', PAYLOAD_COLUMNS, fresh.map((p) => PAYLOAD_COLUMNS.map((c) => (c === 'created_at' ? stamp : p[c]))));
      payloads += fresh.length;
    }
    if (payloads) changes.push({ action: 'store-payloads', target: 'payloads', count: payloads });

    let tags = 0;
    let iovs = 0;
    const tagIds = new Map<string, number>();
    const viaImport = new Set<number>();
    for (const t of bundle.tags) {
      const srcRows = bundle.iovs.filter((i) => String(i.tag_id) === String(t.id));
      const mine = await trx('tags').where({ name: t.name }).first();
      if (mine && how.newTagsOnly) throw new ConflictError(`tag ${String(t.name)} already exists in ${ctx.location}: choose a new name`);
      if (!mine) {
        const [row] = await trx('tags').insert({
          name: t.name, record_name: t.record_name, record_version: t.record_version, time_type: t.time_type, description: t.description,
          state: t.state, allow_backfill: Boolean(t.allow_backfill), created_at: stamp, locked_at: t.state === 'locked' ? stamp : null,
        }).returning('id');
        const id = idOf(row);
        tagIds.set(String(t.id), id);
        // Copied history keeps its stamps (capped at now, so no row is stamped in this database's
        // future), unless the rows are a re-stamped selection (a clone of the effective IOVs).
        await insertRows(trx, 'iovs', ['tag_id', 'since', 'payload_hash', 'inserted_at'], srcRows.map((r) => [id, String(r.since), r.payload_hash, how.restamp ? stamp : Math.min(Number(r.inserted_at), stamp)]));
        tags++;
        iovs += srcRows.length;
        changes.push({ action: 'create-tag', target: String(t.name), count: srcRows.length, detail: `${String(t.record_name)}@${String(t.record_version)}, ${String(t.time_type)}` });
        continue;
      }
      if (mine.record_name !== t.record_name || Number(mine.record_version) !== Number(t.record_version) || mine.time_type !== t.time_type) {
        throw new ConflictError(`tag ${String(t.name)} exists here for ${mine.record_name}@${mine.record_version} (${mine.time_type}), not ${String(t.record_name)}@${String(t.record_version)} (${String(t.time_type)}) as in ${file}`);
      }
      const id = Number(mine.id);
      tagIds.set(String(t.id), id);
      if (mine.state !== 'locked' && trx.client.config.client === 'pg') await trx('tags').where({ id }).forUpdate().first();
      const current = await effectiveView(trx, id, LATEST);
      const wanted = [...viewOf(srcRows, LATEST)].filter(([since, hash]) => current.get(since) !== hash);
      if (wanted.length === 0) continue;
      if (mine.state === 'locked') throw new ConflictError(`tag ${String(t.name)} is locked here and would gain ${wanted.length} IOV(s) from ${file}`);
      if (!mine.allow_backfill && current.size) {
        const last = [...current.keys()].map(BigInt).reduce((a, b) => (b > a ? b : a));
        const below = wanted.find(([since]) => BigInt(since) < last);
        if (below) throw new ConflictError(`tag ${String(t.name)} would gain an IOV at ${below[0]} from ${file}, below its last since ${last} here: the tag does not allow back-filling`);
      }
      await insertRows(trx, 'iovs', ['tag_id', 'since', 'payload_hash', 'inserted_at'], wanted.map(([since, hash]) => [id, since, hash, stamp]));
      viaImport.add(id);
      iovs += wanted.length;
      changes.push({ action: 'append-iovs', target: String(t.name), count: wanted.length });
    }

    let globalTags = 0;
    for (const g of bundle.globalTags) {
      const srcEntries = bundle.entries.filter((e) => String(e.global_tag_id) === String(g.id));
      const srcMap = new Map(srcEntries.map((e) => [String(e.record_name), String(bundle.tags.find((t) => String(t.id) === String(e.tag_id))?.name)]));
      const mine = await trx('global_tags').where({ name: g.name }).first();
      if (mine) {
        const have = await trx('global_tag_entries as e').join('tags as t', 't.id', 'e.tag_id').where('e.global_tag_id', mine.id).select('e.record_name as record', 't.name as tag');
        const sameMap = have.length === srcMap.size && have.every((e) => srcMap.get(String(e.record)) === String(e.tag));
        const sameSnapshot = String(mine.snapshot_at ?? '') === String(g.snapshot_at ?? '')
          // A snapshot moved by an earlier import of this file still gives the file's answers.
          || (mine.snapshot_at !== null && g.snapshot_at !== null && sameMap
            && (await answersAsInFile(trx, bundle, srcEntries, tagIds, Number(g.snapshot_at), Number(mine.snapshot_at))));
        if (!sameMap || mine.state !== g.state || !sameSnapshot) {
          throw new ConflictError(`global tag ${String(g.name)} exists here with a different ${!sameMap ? 'map' : mine.state !== g.state ? 'state' : 'snapshot'} than in ${file}`);
        }
        continue;
      }
      let snapshot = g.snapshot_at === null || g.snapshot_at === undefined ? null : Number(g.snapshot_at);
      if (snapshot === null && !(await answersAsInFile(trx, bundle, srcEntries, tagIds, LATEST, LATEST))) {
        throw new ConflictError(`global tag ${String(g.name)} would resolve differently here than in ${file}: a tag it maps holds other IOVs here`);
      }
      if (snapshot !== null) {
        const moved = await reproduce(trx, bundle, srcEntries, tagIds, snapshot, stamp);
        if (moved === null) throw new ConflictError(`global tag ${String(g.name)} would resolve differently here than in ${file}: a tag it maps holds other IOVs here`);
        if (moved !== snapshot) {
          changes.push({ action: 'move-snapshot', target: String(g.name), detail: `${microsToDate(snapshot).toISOString()} -> ${microsToDate(moved).toISOString()} (IOVs it needs were appended by this import)` });
          snapshot = moved;
        }
      }
      const [row] = await trx('global_tags').insert({
        name: g.name, description: g.description, snapshot_at: snapshot, state: g.state, created_at: stamp, locked_at: g.state === 'locked' ? stamp : null,
      }).returning('id');
      for (const e of srcEntries) {
        await trx('global_tag_entries').insert({ global_tag_id: idOf(row), record_name: e.record_name, tag_id: tagIds.get(String(e.tag_id)), updated_at: stamp });
      }
      globalTags++;
      changes.push({ action: 'create-global-tag', target: String(g.name), count: srcEntries.length, detail: `${String(g.state)}${snapshot === null ? '' : `, snapshot ${microsToDate(snapshot).toISOString()}`}` });
    }
    const s: ImportSummary = { dryRun: opts.dryRun === true, records, payloads, tags, iovs, globalTags, changes };
    return { result: s, details: { records, payloads, tags, iovs, globalTags, dryRun: s.dryRun } };
  }, opts);
}

/**
 * The snapshot that makes a global tag resolve here as in the file: its own when every mapped
 * tag's view as of it equals the file's, else this import's stamp when that does; null when
 * neither does.
 */
async function reproduce(trx: Knex.Transaction, b: Bundle, entries: Record<string, unknown>[], tagIds: Map<string, number>, snapshot: number, stamp: number): Promise<number | null> {
  for (const bound of [snapshot, stamp]) if (await answersAsInFile(trx, b, entries, tagIds, snapshot, bound)) return bound;
  return null;
}

/** Every mapped tag's view here as of `bound` equals its view in the file as of `snapshot`. */
async function answersAsInFile(trx: Knex.Transaction, b: Bundle, entries: Record<string, unknown>[], tagIds: Map<string, number>, snapshot: number, bound: number): Promise<boolean> {
  for (const e of entries) {
    const want = viewOf(b.iovs.filter((i) => String(i.tag_id) === String(e.tag_id)), snapshot);
    const have = await effectiveView(trx, tagIds.get(String(e.tag_id))!, bound);
    if (!sameView(want, have)) return false;
  }
  return true;
}

/** since -> winning payload hash of a tag's rows visible at `bound` (rows in sequence order). */
function viewOf(rows: Record<string, unknown>[], bound: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) if (Number(r.inserted_at) <= bound) m.set(String(r.since), String(r.payload_hash));
  return m;
}

/** The same view read from the database. */
async function effectiveView(trx: Knex.Transaction, tagId: number, bound: number): Promise<Map<string, string>> {
  const rows = rowsOf(
    await trx.raw(
      `SELECT CAST(i.since AS TEXT) AS since, i.payload_hash AS hash FROM iovs i
       WHERE i.tag_id = ? AND i.inserted_at <= ?
       AND NOT EXISTS (SELECT 1 FROM iovs j WHERE j.tag_id = i.tag_id AND j.since = i.since AND j.inserted_at <= ? AND j.id > i.id)`,
      [tagId, bound, bound],
    ),
  );
  return new Map(rows.map((r) => [String(r.since), String(r.hash)]));
}

function sameView(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function idOf(row: unknown): number {
  return Number(typeof row === 'object' && row !== null ? (row as { id: number }).id : row);
}

function cmpId(a: unknown, b: unknown): number {
  const x = BigInt(String(a));
  const y = BigInt(String(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const m = new Map<string, T>();
  for (const x of xs) if (!m.has(key(x))) m.set(key(x), x);
  return [...m.values()];
}
