/**
 * @nucal/conditions-db — calibration constants with intervals of validity, on SQLite or PostgreSQL.
 */
// opening a database
export { openConditionsDb, type OpenOptions } from './open.js';
export { ConditionsDb } from './conditions-db.js';
export { conditionsWriter } from './writer.js';
export { parseDbUrl, redactUrl, type Dialect, type ConnectionTarget } from './connection.js';
export { readFileMark, FileMarkSchema, type FileMark } from './file-mark.js';
export { SCHEMA_VERSION } from './schema.js';
// inputs and results
export {
  CreateTagInput, CreateGlobalTagInput, AppendProvenance, TagNameSchema, RecordNameSchema,
  type IovInput, type TagInfo, type GlobalTagInfo, type RecordInfo, type IovInfo, type AppendResult, type AuditEntry,
} from './types.js';
export type { AppendOptions, ListIovsOptions } from './iovs.js';
export type { ResolveQuery } from './resolve.js';
export type { TagDiffEntry, GlobalTagDiffEntry } from './diff.js';
export type { Usage } from './usage.js';
export type { PayloadInfo } from './payload-info.js';
export { MIN_PAYLOAD_PREFIX } from './payload-prefix.js';
export type { TagSummary } from './tag-summary.js';
export type { SearchHit } from './search.js';
export type { CloneTagOptions, CloneSummary } from './clone.js';
export type { AccessLevel, Grant } from './permissions.js';
export type { ExportSummary, ImportChange, ImportOptions, ImportSummary } from './transfer.js';
export { MAX_PAYLOAD_DEPTH, MAX_PAYLOAD_BYTES } from './payloads.js';
// SQL of a resolution, for benchmarks and other clients of the same tables
export { RESOLVE_BY_TAG, RESOLVE_BY_GLOBAL_TAG } from './resolve-sql.js';
