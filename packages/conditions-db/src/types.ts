import { z } from 'zod';
import { ProvenanceSchema, TAG_NAME, NAMESPACED_ID, type Time, type TimeType } from '@nucal/core';

/** Tag or global-tag name. */
export const TagNameSchema = z.string().regex(TAG_NAME, 'expected 1-128 characters of A-Z a-z 0-9 _ - . starting with a letter or digit');
/** Record name, namespaced (`juno.nonlinearity`). */
export const RecordNameSchema = z.string().max(128, 'expected at most 128 characters').regex(NAMESPACED_ID, 'expected lower-case words joined by dots, e.g. "juno.nonlinearity"');
/** Record schema version: a positive 32-bit integer (the column type of both engines). */
export const RecordVersionSchema = z.number().int().min(1).max(2 ** 31 - 1);
/** Longest description accepted (records, tags, global tags). */
export const MAX_DESCRIPTION = 4096;

/** Input of {@link ConditionsDb.createTag}. */
export const CreateTagInput = z.object({
  name: TagNameSchema,
  record: RecordNameSchema,
  /** Record schema version; default: the highest registered. */
  recordVersion: RecordVersionSchema.optional(),
  timeType: z.enum(['run', 'timestamp']),
  description: z.string().max(MAX_DESCRIPTION).default(''),
  /** Allow IOVs with a since below the tag's last since (otherwise refused). */
  allowBackfill: z.boolean().default(false),
});
export type CreateTagInput = z.input<typeof CreateTagInput>;

/** Input of {@link ConditionsDb.createGlobalTag}. */
export const CreateGlobalTagInput = z.object({
  name: TagNameSchema,
  description: z.string().max(MAX_DESCRIPTION).default(''),
  /** Lookups through the global tag ignore IOVs inserted after this time. */
  snapshot: z.date().optional(),
});
export type CreateGlobalTagInput = z.input<typeof CreateGlobalTagInput>;

/** Provenance as given when appending (createdAt defaults to now). */
export const AppendProvenance = ProvenanceSchema.extend({ createdAt: z.string().datetime({ offset: true }).optional() });
export type AppendProvenance = z.input<typeof AppendProvenance>;

/** One IOV to append. */
export interface IovInput {
  readonly since: Time;
  readonly payload: unknown;
  readonly provenance: AppendProvenance;
}

/** A tag as stored. */
export interface TagInfo {
  readonly name: string;
  readonly record: { readonly name: string; readonly version: number };
  readonly timeType: TimeType;
  readonly description: string;
  readonly state: 'open' | 'locked';
  readonly allowBackfill: boolean;
  readonly createdAt: Date;
  readonly lockedAt: Date | null;
}

/** A global tag as stored, with its record -> tag map. */
export interface GlobalTagInfo {
  readonly name: string;
  readonly description: string;
  readonly snapshot: Date | null;
  readonly state: 'open' | 'locked';
  readonly createdAt: Date;
  readonly lockedAt: Date | null;
  readonly entries: readonly { readonly record: string; readonly tag: string }[];
}

/** A registered record type. */
export interface RecordInfo {
  readonly name: string;
  readonly version: number;
  readonly description: string;
  readonly jsonSchema: unknown;
  readonly createdAt: Date;
}

/** One IOV as listed: the effective payload over [since, until), or every row with `history`. */
export interface IovInfo {
  readonly since: Time;
  readonly until: Time | null;
  readonly hash: string;
  readonly insertedAt: Date;
  /** False for rows superseded by a later insertion at the same since (history listings only). */
  readonly current: boolean;
}

/** What an append did. */
export interface AppendResult {
  readonly inserted: number;
  /** IOVs skipped because the same payload is already current at that since (idempotent re-runs). */
  readonly unchanged: number;
  /** Content hash of every given payload, in order. */
  readonly hashes: readonly string[];
  /** The database's stamp of this write (ms): an "as of" this date includes it. */
  readonly insertedAt: Date;
}

/** One entry of the audit log. */
export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  /** The authenticated identity: PostgreSQL role, or the OS user for a SQLite file. */
  readonly actor: string;
  /** Free-text label the writer gave (sanitised), or null. */
  readonly label: string | null;
  readonly action: string;
  readonly target: string;
  readonly details: Record<string, unknown>;
}
