import type { Knex } from 'knex';
import { canonicalJson, formatZodIssues, payloadHash, ProvenanceSchema, ValidationError, type Provenance } from '@nucal/core';
import type { z } from 'zod';
import { insertRows } from './insert-rows.js';
import { AppendProvenance } from './types.js';

/** A payload checked against its record schema and ready to store. */
export interface PreparedPayload {
  readonly hash: string;
  readonly data: string;
  readonly provenance: string;
  readonly value: unknown;
}

/**
 * Validates a payload against its record schema and computes its content address:
 * sha256 of the canonical JSON of `{ record, version, data }`, so equal constants of one
 * record type are stored once while equal numbers of different records never collide.
 * Provenance is stored beside the payload, not hashed: re-running a job with the same
 * inputs and seed yields the same hash (idempotent batch writes).
 */
export function preparePayload(
  record: { name: string; version: number },
  schema: z.ZodType,
  payload: unknown,
  provenance: unknown,
  /** Where the payload sits in the request, for error messages (called only on error). */
  where: () => string,
  provenanceCache?: Map<unknown, string>,
): PreparedPayload {
  checkDepth(payload, where);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new ValidationError(`payload ${where()} does not match record ${record.name}@${record.version}`, formatZodIssues(parsed.error.issues));
  }
  // A bulk append usually shares one provenance object: validate and serialise it once.
  if (provenance !== null && typeof provenance === 'object') checkDepth(provenance, () => `provenance of ${where()}`);
  let prov = provenanceCache?.get(provenance);
  if (prov === undefined) {
    prov = provenanceText(provenance, where);
    provenanceCache?.set(provenance, prov);
  }
  const data = canonicalJson(parsed.data);
  if (data.length > MAX_PAYLOAD_BYTES) throw new ValidationError(`payload ${where()} is ${data.length} bytes: expected at most ${MAX_PAYLOAD_BYTES}`);
  return { hash: payloadHash(record, data), data, provenance: prov, value: parsed.data };
}


/** Deepest nesting of arrays and objects accepted in a payload (deeper ones are refused before any parsing recursion). */
export const MAX_PAYLOAD_DEPTH = 64;
/** Largest canonical payload accepted, in bytes. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** Throws a {@link ValidationError} when a value nests deeper than {@link MAX_PAYLOAD_DEPTH}; iterative, so it cannot overflow the stack itself. */
export function checkDepth(value: unknown, what: () => string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > MAX_PAYLOAD_DEPTH) throw new ValidationError(`payload ${what()} nests deeper than ${MAX_PAYLOAD_DEPTH} levels: expected a flatter object`);
    for (const c of Array.isArray(v) ? v : Object.values(v)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
}

function provenanceText(provenance: unknown, where: () => string): string {
  const prov = AppendProvenance.safeParse(provenance);
  if (!prov.success) throw new ValidationError(`provenance ${where()} is invalid`, formatZodIssues(prov.error.issues));
  const full: Provenance = ProvenanceSchema.parse({ ...prov.data, createdAt: prov.data.createdAt ?? new Date().toISOString() });
  return canonicalJson(full);
}

/** Inserts payloads that are not stored yet (content-addressed, so existing ones are left as they are). */
export async function storePayloads(trx: Knex.Transaction, record: { name: string; version: number }, payloads: readonly PreparedPayload[], stamp: number): Promise<void> {
  const seen = new Set<string>();
  const rows: unknown[][] = [];
  const now = stamp;
  for (const p of payloads) {
    if (seen.has(p.hash)) continue;
    seen.add(p.hash);
    rows.push([p.hash, record.name, record.version, p.data, p.provenance, Buffer.byteLength(p.data), now]);
  }
  await insertRows(trx, 'payloads', ['hash', 'record_name', 'record_version', 'data', 'provenance', 'size_bytes', 'created_at'], rows, { ignoreConflictOn: 'hash' });
}
