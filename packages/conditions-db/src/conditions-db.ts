import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Knex } from 'knex';
import { ConflictError, IovCache, ValidationError, type RecordRef, type Resolution, type Time } from '@nucal/core';
import { auditLog } from './audit.js';
import { connect, parseDbUrl, type Dialect } from './connection.js';
import type { DbContext } from './context.js';
import { diffGlobalTags, diffTags, type GlobalTagDiffEntry, type TagDiffEntry } from './diff.js';
import { createGlobalTag, getGlobalTag, listGlobalTags, lockGlobalTag, setGlobalTagEntry } from './global-tags.js';
import { appendIovs, listIovs, type AppendOptions, type ListIovsOptions } from './iovs.js';
import { listRecords, registerRecord, registerRecordFromJsonSchema } from './records.js';
import { resolve, type ResolveQuery } from './resolve.js';
import { migrationSource, SCHEMA_VERSION } from './schema.js';
import { PgReader } from './pg-reader.js';
import { SqliteReader } from './sqlite-reader.js';
import { createTag, getTag, listTags, lockTag } from './tags.js';
import { collectAll, collectGlobalTag, importBundle, type ImportSummary } from './transfer.js';
import type {
  AppendResult, AuditEntry, CreateGlobalTagInput, CreateTagInput, GlobalTagInfo, IovInfo, IovInput, RecordInfo, TagInfo,
} from './types.js';
import { whoUses, type Usage } from './usage.js';

/** Options of {@link openConditionsDb}. */
export interface OpenOptions {
  /** SQLite file path (default `./nucal.sqlite`) or `postgres://user@host:port/db`. */
  url?: string;
  /** Refuse every write; SQLite files are opened with `query_only`. */
  readOnly?: boolean;
  /** Who writes, for the audit log (default: $NUCAL_USER, else the OS user). */
  actor?: string;
  /** Create or upgrade the tables (default true unless read-only). */
  migrate?: boolean;
}

/**
 * Opens (and by default initialises) a conditions database.
 *
 * @example
 * const db = await openConditionsDb({ url: 'conditions.sqlite' });
 * await db.registerRecord(lifetimeRecord);
 * await db.createTag({ name: 'lifetime-v1', record: 'dune.lifetime', timeType: 'timestamp' });
 * await db.appendIov('lifetime-v1', { since: parseTime('2026-11-24', 'timestamp'), payload, provenance });
 * const r = await db.resolve({ tag: 'lifetime-v1', record: lifetimeRecord, at });
 * await db.close();
 */
export async function openConditionsDb(opts: OpenOptions = {}): Promise<ConditionsDb> {
  const target = parseDbUrl(opts.url ?? './nucal.sqlite');
  const readOnly = opts.readOnly ?? false;
  const knex = connect(target, { readOnly });
  try {
    if (opts.migrate ?? !readOnly) {
      await knex.migrate.latest({ migrationSource: migrationSource(), tableName: 'nucal_migrations' });
    }
    const meta = await knex('nucal_meta').where({ key: 'schema_version' }).first().catch(() => undefined);
    if (!meta) throw new ValidationError(`database ${target.location} is not a nucal conditions database: run "nucal db init" first`);
    if (Number(meta.value) !== SCHEMA_VERSION) {
      throw new ValidationError(`database ${target.location} has schema version ${meta.value}: this nucal reads version ${SCHEMA_VERSION}`);
    }
    const reader = target.dialect === 'sqlite' ? await SqliteReader.open(target.location, readOnly) : new PgReader(knex);
    const actor = opts.actor ?? process.env.NUCAL_USER ?? safeUser();
    return new ConditionsDb({ knex, dialect: target.dialect, readOnly, actor, schemas: new Map(), payloads: new Map() }, reader, target.location);
  } catch (err) {
    await knex.destroy();
    throw err;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * An open conditions database: records, tags, IOVs, global tags, resolution, diff, export
 * and import, and the audit log. Every write is one transaction with one audit entry; every
 * input is validated before anything is written.
 */
export class ConditionsDb {
  /** @internal */
  constructor(
    private readonly ctx: DbContext,
    private readonly reader: SqliteReader | PgReader,
    /** File path or URL this database was opened from. */
    readonly location: string,
  ) {}

  /** `sqlite` or `postgres`. */
  get dialect(): Dialect {
    return this.ctx.dialect;
  }

  /** The knex instance (tests and benchmarks; applications use the methods). */
  get knex(): Knex {
    return this.ctx.knex;
  }

  // records
  /** Registers a record type with its zod schema (idempotent; a changed schema needs a new version). */
  registerRecord(record: RecordRef): Promise<RecordInfo> {
    return registerRecord(this.ctx, record);
  }
  /** Registers a record type from a JSON Schema (for records defined outside TypeScript). */
  registerJsonSchemaRecord(def: { name: string; version: number; description: string; jsonSchema: unknown }): Promise<RecordInfo> {
    return registerRecordFromJsonSchema(this.ctx, def);
  }
  listRecords(): Promise<RecordInfo[]> {
    return listRecords(this.ctx);
  }

  // tags
  createTag(input: CreateTagInput): Promise<TagInfo> {
    return createTag(this.ctx, input);
  }
  /** The tag if it exists with the same record and time type, else creates it. */
  async ensureTag(input: CreateTagInput): Promise<TagInfo> {
    try {
      return await this.createTag(input);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const tag = await this.getTag(input.name);
      if (tag.record.name !== input.record || tag.timeType !== input.timeType) {
        throw new ConflictError(`tag ${input.name} exists for ${tag.record.name} (${tag.timeType}), not ${input.record} (${input.timeType})`);
      }
      return tag;
    }
  }
  getTag(name: string): Promise<TagInfo> {
    return getTag(this.ctx, name);
  }
  listTags(opts?: { record?: string }): Promise<TagInfo[]> {
    return listTags(this.ctx, opts);
  }
  lockTag(name: string): Promise<TagInfo> {
    return lockTag(this.ctx, name);
  }

  // IOVs
  /** Appends one IOV. */
  appendIov(tag: string, iov: IovInput): Promise<AppendResult> {
    return appendIovs(this.ctx, tag, [iov]);
  }
  /** Appends many IOVs in one transaction: all or none. */
  appendIovs(tag: string, iovs: readonly IovInput[], opts?: AppendOptions): Promise<AppendResult> {
    return appendIovs(this.ctx, tag, iovs, opts);
  }
  listIovs(tag: string, opts?: ListIovsOptions): Promise<{ items: IovInfo[]; nextCursor: string | null }> {
    return listIovs(this.ctx, tag, opts);
  }

  // resolution
  /** The payload valid at a time through a tag or a global tag. */
  resolve<T>(q: ResolveQuery<T>): Promise<Resolution<T>> {
    return resolve(this.ctx, this.reader, q);
  }
  /**
   * A conditions provider for reconstruction through a global tag, behind an
   * {@link IovCache} (its `hits` and `misses` count the lookups).
   */
  provider(opts: { globalTag: string; asOf?: Date }): IovCache {
    return new IovCache({
      resolve: <T>(record: RecordRef<T>, at: Time) => this.resolve<T>({ globalTag: opts.globalTag, record, at, ...(opts.asOf ? { asOf: opts.asOf } : {}) }),
    });
  }

  // global tags
  createGlobalTag(input: CreateGlobalTagInput): Promise<GlobalTagInfo> {
    return createGlobalTag(this.ctx, input);
  }
  setGlobalTagEntry(globalTag: string, record: string, tag: string): Promise<GlobalTagInfo> {
    return setGlobalTagEntry(this.ctx, globalTag, record, tag);
  }
  lockGlobalTag(globalTag: string, opts?: { snapshot?: Date | 'now' }): Promise<GlobalTagInfo> {
    return lockGlobalTag(this.ctx, globalTag, opts);
  }
  getGlobalTag(name: string): Promise<GlobalTagInfo> {
    return getGlobalTag(this.ctx, name);
  }
  listGlobalTags(): Promise<GlobalTagInfo[]> {
    return listGlobalTags(this.ctx);
  }

  // comparison and usage
  diffTags(left: string, right: string, opts?: { asOf?: Date }): Promise<TagDiffEntry[]> {
    return diffTags(this.ctx, left, right, opts);
  }
  diffGlobalTags(left: string, right: string): Promise<GlobalTagDiffEntry[]> {
    return diffGlobalTags(this.ctx, left, right);
  }
  whoUses(what: { tag: string } | { payload: string }): Promise<Usage[]> {
    return whoUses(this.ctx, what);
  }

  // export and import
  /**
   * Writes a global tag and only what it needs to a new standalone SQLite file, which
   * `openConditionsDb({ url: file, readOnly: true })` serves like the original.
   */
  async exportGlobalTag(globalTag: string, file: string): Promise<ImportSummary> {
    if (existsSync(file)) throw new ConflictError(`export file ${file} already exists: choose a new path`);
    if (parseDbUrl(file).dialect !== 'sqlite') throw new ValidationError(`export target ${file} is not a file path: expected a SQLite file`);
    const bundle = await collectGlobalTag(this.ctx, globalTag);
    const out = await openConditionsDb({ url: file, actor: this.ctx.actor });
    try {
      const summary = await importBundle(out.ctx, bundle, `export of ${globalTag} from ${this.location}`);
      // A rollback journal, not WAL: a read-only open then needs no -wal/-shm files.
      await out.knex.raw('PRAGMA journal_mode = DELETE');
      return summary;
    } finally {
      await out.close();
    }
  }
  /** Imports every global tag of an exported file (and what they need), adding only what is missing. */
  async importFile(file: string): Promise<ImportSummary> {
    const src = await openConditionsDb({ url: file, readOnly: true });
    try {
      return await importBundle(this.ctx, await collectAll(src.ctx), `import from ${file}`);
    } finally {
      await src.close();
    }
  }

  // audit
  auditLog(opts?: { limit?: number; target?: string }): Promise<AuditEntry[]> {
    return auditLog(this.ctx, opts);
  }

  async close(): Promise<void> {
    if (this.reader instanceof SqliteReader) await this.reader.close();
    await this.ctx.knex.destroy();
  }
}
