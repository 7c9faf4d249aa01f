import { z } from 'zod';
import { canonicalJson, ConflictError, payloadHash, MAX_RUN, MAX_SUBRUN, MAX_TIMESTAMP_NS, NAMESPACED_ID, ProvenanceSchema, TAG_NAME, ValidationError } from '@nucal/core';
import { checkDepth } from './payloads.js';

/** Everything one or more global tags need, as rows: what an export file holds. */
export interface Bundle {
  records: Record<string, unknown>[];
  payloads: Record<string, unknown>[];
  tags: Record<string, unknown>[];
  iovs: Record<string, unknown>[];
  globalTags: Record<string, unknown>[];
  entries: Record<string, unknown>[];
}

/**
 * Checks a bundle read from a file as if every row came from a stranger: names, time types
 * and ranges, references between rows, and above all the payloads: each one's hash is
 * recomputed from its record and canonical content, and its content validated against its
 * record's schema. A tampered file is refused before anything is written.
 */
export function verifyBundle(b: Bundle, file: string): void {
  const bad = (what: string) => new ValidationError(`${file} is not a valid nucal export: ${what}`);
  const schemas = new Map<string, z.ZodType>();
  for (const r of b.records) {
    const key = `${String(r.name)}@${String(r.version)}`;
    if (typeof r.name !== 'string' || !NAMESPACED_ID.test(r.name) || r.name.length > 128) throw bad(`record name ${String(r.name)}`);
    if (!Number.isInteger(Number(r.version)) || Number(r.version) < 1 || Number(r.version) > 2 ** 31 - 1) throw bad(`record ${key} version`);
    try {
      const json = JSON.parse(String(r.json_schema));
      if (canonicalJson(json) !== r.json_schema) throw new Error('not canonical');
      schemas.set(key, z.fromJSONSchema(json) as z.ZodType);
    } catch (err) {
      throw bad(`record ${key} has an unusable schema (${(err as Error).message})`);
    }
  }
  const payloadRecord = new Map<string, string>();
  for (const p of b.payloads) {
    const hash = String(p.hash);
    const key = `${String(p.record_name)}@${String(p.record_version)}`;
    const schema = schemas.get(key);
    if (!schema) throw bad(`payload ${hash} belongs to record ${key}, which the file does not define`);
    let value: unknown;
    try {
      value = JSON.parse(String(p.data));
    } catch {
      throw new ConflictError(`payload ${hash} in ${file} is not valid JSON: the file was altered`);
    }
    checkDepth(value, () => hash);
    const canonical = canonicalJson(value);
    const recomputed = payloadHash({ name: String(p.record_name), version: Number(p.record_version) }, canonical);
    if (canonical !== p.data || recomputed !== hash) {
      throw new ConflictError(`payload ${hash} in ${file} does not match its content (its content hashes to ${recomputed}): the file was altered`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ConflictError(`payload ${hash} in ${file} does not match record ${key}: ${parsed.error.issues[0]?.message ?? ''}`);
    try {
      ProvenanceSchema.parse(JSON.parse(String(p.provenance)));
    } catch {
      throw bad(`payload ${hash} has no valid provenance`);
    }
    payloadRecord.set(hash, key);
  }
  const tagById = new Map<string, Record<string, unknown>>();
  for (const t of b.tags) {
    if (typeof t.name !== 'string' || !TAG_NAME.test(t.name)) throw bad(`tag name ${String(t.name)}`);
    if (t.time_type !== 'run' && t.time_type !== 'timestamp') throw bad(`tag ${t.name} has time type ${String(t.time_type)}`);
    if (t.state !== 'open' && t.state !== 'locked') throw bad(`tag ${t.name} has state ${String(t.state)}`);
    if (!schemas.has(`${String(t.record_name)}@${String(t.record_version)}`)) throw bad(`tag ${t.name} holds a record the file does not define`);
    tagById.set(String(t.id), t);
  }
  for (const i of b.iovs) {
    const t = tagById.get(String(i.tag_id));
    if (!t) throw bad(`IOV row ${String(i.id)} belongs to no tag of the file`);
    const since = String(i.since);
    if (!/^\d{1,19}$/.test(since)) throw bad(`IOV row ${String(i.id)} of tag ${String(t.name)} has since ${since}`);
    const k = BigInt(since);
    const ok = t.time_type === 'timestamp' ? k <= MAX_TIMESTAMP_NS : k >> 32n <= MAX_RUN && (k & 0xffff_ffffn) <= MAX_SUBRUN;
    if (!ok) throw bad(`IOV row ${String(i.id)} of tag ${String(t.name)} has since ${since}, out of range for ${String(t.time_type)} times`);
    if (!/^\d{1,16}$/.test(String(i.inserted_at))) throw bad(`IOV row ${String(i.id)} has insertion stamp ${String(i.inserted_at)}`);
    const rec = payloadRecord.get(String(i.payload_hash));
    if (rec === undefined) throw bad(`IOV row ${String(i.id)} of tag ${String(t.name)} refers to payload ${String(i.payload_hash)}, which the file does not hold`);
    if (rec !== `${String(t.record_name)}@${String(t.record_version)}`) throw new ConflictError(`IOV row ${String(i.id)} of tag ${String(t.name)} in ${file} refers to a ${rec} payload: the file was altered`);
  }
  for (const g of b.globalTags) {
    if (typeof g.name !== 'string' || !TAG_NAME.test(g.name)) throw bad(`global tag name ${String(g.name)}`);
    if (g.state !== 'open' && g.state !== 'locked') throw bad(`global tag ${g.name} has state ${String(g.state)}`);
    if (g.snapshot_at !== null && g.snapshot_at !== undefined && !/^\d{1,16}$/.test(String(g.snapshot_at))) throw bad(`global tag ${g.name} has snapshot ${String(g.snapshot_at)}`);
  }
  for (const e of b.entries) {
    const t = tagById.get(String(e.tag_id));
    if (!t || t.record_name !== e.record_name) throw bad(`global tag entry ${String(e.record_name)} refers to a tag of another record`);
  }
}
