import type { Knex } from 'knex';
import { ConflictError, IovCache, ValidationError, type ConditionsWriter, type RecordRef, type Resolution, type Time } from '@nucal/core';
import { auditLog } from './audit.js';
import { cloneTag, type CloneSummary, type CloneTagOptions } from './clone.js';
import { databaseNow, microsToDate } from './clock.js';
import type { Dialect } from './connection.js';
import type { DbContext } from './context.js';
import type { FileMark } from './file-mark.js';
import { diffGlobalTags, diffTags, type GlobalTagDiffEntry, type TagDiffEntry } from './diff.js';
import { createGlobalTag, getGlobalTag, listGlobalTags, lockGlobalTag, setGlobalTagEntry } from './global-tags.js';
import { appendIovs, listIovs, type AppendOptions, type ListIovsOptions } from './iovs.js';
import { listRecords, registerRecord, registerRecordFromJsonSchema } from './records.js';
import { resolve, type ResolveQuery } from './resolve.js';
import type { PgReader } from './pg-reader.js';
import { getPayload, type PayloadInfo } from './payload-info.js';
import { payloadsWithPrefix, resolvePayloadPrefix } from './payload-prefix.js';
import { searchConditions, type SearchHit } from './search.js';
import { tagSummary, type TagSummary } from './tag-summary.js';
import { grant, listGrants, setupPermissions, type AccessLevel, type Grant } from './permissions.js';
import { SqliteReader } from './sqlite-reader.js';
import { sanitiseLabel } from './write-transaction.js';
import { createTag, getTag, listTags, lockTag } from './tags.js';
import { exportGlobalTag, importFile, type ExportSummary, type ImportOptions, type ImportSummary } from './transfer.js';
import type {
  AppendResult, AuditEntry, CreateGlobalTagInput, CreateTagInput, GlobalTagInfo, IovInfo, IovInput, RecordInfo, TagInfo,
} from './types.js';
import { whoUses, type Usage } from './usage.js';
import { conditionsWriter } from './writer.js';

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
    /** The mark of a standalone SQLite file (an export, the demo's database), if any. */
    readonly mark: FileMark | null,
  ) {}

  /** @internal The shared state, for the package's own modules (export writes through it). */
  get context(): DbContext {
    return this.ctx;
  }

  /** File path or URL this database was opened from, with any password redacted. */
  get location(): string {
    return this.ctx.location;
  }

  /**
   * Who this connection writes as: the PostgreSQL role (`current_user`), or the operating-system
   * user for a SQLite file. The audit log records it; the free-text label cannot replace it.
   */
  get identity(): string {
    return this.ctx.identity;
  }

  /** True when every write is refused (opened read-only, or an export's read-only mark). */
  get readOnly(): boolean {
    return this.ctx.readOnly;
  }

  /** The database's clock now (writes are stamped from it, never from the writer's clock). */
  async now(): Promise<Date> {
    return microsToDate(await databaseNow(this.ctx.knex, this.ctx.dialect));
  }

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

  /** One stored payload by its content address (payloads never change). */
  getPayload(hash: string): Promise<PayloadInfo> {
    return getPayload(this.ctx, hash);
  }

  /** Payload hashes starting with `prefix` (at least 6 hex digits), at most `limit` (default 20). */
  payloadsWithPrefix(prefix: string, limit?: number): Promise<string[]> {
    return payloadsWithPrefix(this.ctx, prefix, limit);
  }
  /** The one payload hash starting with `prefix`; an ambiguous prefix is refused, listing the candidates. */
  resolvePayloadPrefix(prefix: string): Promise<string> {
    return resolvePayloadPrefix(this.ctx, prefix);
  }

  // inspection
  /** A tag with its IOV counts, first and last since and the global tags using it. */
  tagSummary(name: string): Promise<TagSummary> {
    return tagSummary(this.ctx, name);
  }
  /** Case-insensitive search of tag, global-tag and record names and descriptions, and payload hash prefixes. */
  search(text: string, opts?: { limit?: number }): Promise<{ hits: SearchHit[]; more: boolean }> {
    return searchConditions(this.ctx, text, opts);
  }
  /**
   * Copies a tag as a new open tag, here or `into` another open database, through the
   * import's verified path (see {@link cloneTag}); an existing target tag is refused.
   *
   * @example
   * await db.cloneTag('reco.lifetime', 'reco.lifetime-fix');
   * await db.cloneTag('reco.lifetime', 'reco.lifetime', { into: production, history: true });
   */
  cloneTag(from: string, to: string, opts: CloneTagOptions & { into?: ConditionsDb } = {}): Promise<CloneSummary> {
    const { into, ...rest } = opts;
    return cloneTag(this.ctx, from, to, (into ?? this).context, rest);
  }

  // resolution
  /** The payload valid at a time through a tag or a global tag. */
  resolve<T>(q: ResolveQuery<T>): Promise<Resolution<T>> {
    return resolve(this.ctx, this.reader, q);
  }
  /**
   * A conditions provider for reconstruction through a global tag, behind an
   * {@link IovCache} (its `hits` and `misses` count the lookups). Only reproducible answers
   * are cached for good:
   * - a global tag locked with a snapshot: its answers never change;
   * - `asOf` a moment not later than the database's clock: rows written later are ignored;
   * - otherwise the global tag may still change while a job runs, and the provider is refused
   *   unless asked for explicitly as `live: { maxAgeMs }`: a cached interval is then trusted
   *   for at most `maxAgeMs`, so a new IOV is seen at most that long after it was written.
   *
   * @example
   * const conditions = await db.provider({ globalTag: 'reco-2026' });
   * const live = await db.provider({ globalTag: 'online', live: { maxAgeMs: 60_000 } });
   */
  async provider(opts: { globalTag: string; asOf?: Date; live?: { maxAgeMs: number } }): Promise<IovCache> {
    const gt = await this.getGlobalTag(opts.globalTag);
    const asOf = opts.asOf;
    if (asOf !== undefined && opts.live !== undefined) throw new ValidationError('provider: asOf and live exclude each other (a pinned provider never changes)');
    const resolver = {
      resolve: <T>(record: RecordRef<T>, at: Time) => this.resolve<T>({ globalTag: opts.globalTag, record, at, ...(asOf ? { asOf } : {}) }),
    };
    if (asOf !== undefined) {
      const now = await this.now();
      if (asOf.getTime() > now.getTime()) {
        throw new ConflictError(`provider as of ${asOf.toISOString()} is later than the database's clock (${now.toISOString()}): IOVs written until then would change its answers`);
      }
      return new IovCache(resolver);
    }
    if (gt.state === 'locked' && gt.snapshot !== null) return new IovCache(resolver);
    if (opts.live !== undefined) return new IovCache(resolver, { maxAgeMs: opts.live.maxAgeMs });
    const why = gt.state === 'open' ? 'is open' : 'is locked without a snapshot';
    throw new ConflictError(
      `global tag ${gt.name} ${why}: its answers can change while a job runs. Lock it with a snapshot, pin the provider with asOf, or ask for live: { maxAgeMs }`,
    );
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

  /**
   * This database as the calibration host's writer (see {@link conditionsWriter}).
   *
   * @example
   * await runCalibration(plugin, sample, { at, rng, writer: db.writer(), tagPrefix: 'mc' });
   */
  writer(): ConditionsWriter {
    return conditionsWriter(this);
  }

  // export and import
  /**
   * Writes a global tag and only what it needs to a new standalone SQLite file (never into an
   * existing one), marked read-only, which `openConditionsDb({ url: file })` serves like the
   * original through that global tag.
   */
  exportGlobalTag(globalTag: string, file: string): Promise<ExportSummary> {
    return exportGlobalTag(this.ctx, globalTag, file);
  }
  /**
   * Imports every global tag of an exported file and what they need. Every payload hash is
   * recomputed, existing tags gain rows only as an append would allow, and no locked global
   * tag changes what it resolves; a refused import writes nothing. `dryRun` lists the changes.
   */
  importFile(file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
    return importFile(this.ctx, file, opts);
  }

  // permissions (PostgreSQL)
  /**
   * Sets up the reader / writer / admin group roles, row-level security and triggers
   * (idempotent; needs the table owner with CREATEROLE). Returns the group role names.
   */
  setupPermissions(): Promise<Record<AccessLevel, string>> {
    return setupPermissions(this.ctx);
  }
  /** Gives an existing login role an access level; writers may be limited to tag-name prefixes. */
  grant(role: string, level: AccessLevel, opts?: { tagPrefixes?: readonly string[] }): Promise<Grant> {
    return grant(this.ctx, role, level, opts);
  }
  /** Login roles with rights on this database. */
  listGrants(): Promise<Grant[]> {
    return listGrants(this.ctx);
  }

  // audit
  auditLog(opts?: { limit?: number; target?: string }): Promise<AuditEntry[]> {
    return auditLog(this.ctx, opts);
  }

  /**
   * The same open database writing with another audit label (a service acting for the
   * holder of a token): it shares this one's connections and caches, so close only the
   * original. The authenticated identity (`actor`) stays the connection's.
   *
   * @example
   * await db.withLabel('http:calib-bot').appendIovs(tag, iovs);
   */
  withLabel(label: string): ConditionsDb {
    return new ConditionsDb({ ...this.ctx, label: sanitiseLabel(label) }, this.reader, this.mark);
  }

  async close(): Promise<void> {
    if (this.reader instanceof SqliteReader) await this.reader.close();
    await this.ctx.knex.destroy();
  }
}
