import { NotFoundError, ValidationError } from '@nucal/core';
import { microsToDate } from './clock.js';
import type { DbContext } from './context.js';

/** A stored payload as the database holds it: content, record, provenance of its first insertion. */
export interface PayloadInfo {
  /** Content address: sha256 of the canonical JSON of `{ data, record, version }` (core's `payloadHash`). */
  readonly hash: string;
  readonly record: { readonly name: string; readonly version: number };
  /** The payload as canonical JSON text, exactly the bytes the hash was computed from. */
  readonly canonicalData: string;
  /** Provenance of the payload's first insertion (not part of the hash). */
  readonly provenance: Record<string, unknown>;
  /** Size of `canonicalData` in bytes (UTF-8). */
  readonly sizeBytes: number;
  /** The database's stamp of the first insertion. */
  readonly createdAt: Date;
}

const HASH = /^[0-9a-f]{64}$/;

/**
 * One payload by its content address. Payloads never change, so a caller may keep the
 * answer for good (an HTTP service serves it as immutable).
 */
export async function getPayload(ctx: DbContext, hash: string): Promise<PayloadInfo> {
  if (typeof hash !== 'string' || !HASH.test(hash)) throw new ValidationError(`payload hash "${String(hash)}" is invalid: expected 64 lower-case hex digits`);
  const row = await ctx.knex('payloads').where({ hash }).first('hash', 'record_name', 'record_version', 'data', 'provenance', 'size_bytes', 'created_at');
  if (!row) throw new NotFoundError(`payload ${hash} does not exist`);
  return {
    hash: String(row.hash),
    record: { name: String(row.record_name), version: Number(row.record_version) },
    canonicalData: String(row.data),
    provenance: JSON.parse(String(row.provenance)) as Record<string, unknown>,
    sizeBytes: Number(row.size_bytes),
    createdAt: microsToDate(Number(row.created_at)),
  };
}
