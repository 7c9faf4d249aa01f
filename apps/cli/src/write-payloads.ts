import type { CalibrationResult, Time } from '@nucal/core';
import type { ConditionsDb } from '@nucal/conditions-db';

/** Tag name for a record under an optional prefix: `prefix.record` (or the record name alone). */
export function tagFor(prefix: string | undefined, record: string): string {
  return prefix ? `${prefix}.${record}` : record;
}

/**
 * Writes every payload of a calibration result as an IOV starting at `since`, in the tag
 * `prefix.record` (created on first use with the time type of `since`), and returns what it
 * wrote. The provenance of the result goes with each payload.
 */
export async function writePayloads(
  db: ConditionsDb,
  result: CalibrationResult,
  since: Time,
  prefix: string | undefined,
): Promise<{ record: string; tag: string; hash: string; inserted: number }[]> {
  const written = [];
  for (const p of result.payloads) {
    await db.registerRecord(p.record);
    const tag = tagFor(prefix, p.record.name);
    await db.ensureTag({ name: tag, record: p.record.name, recordVersion: p.record.version, timeType: since.kind, description: `written by ${result.provenance.plugin.id}` });
    const r = await db.appendIov(tag, { since, payload: p.payload, provenance: result.provenance });
    written.push({ record: p.record.name, tag, hash: r.hashes[0]!, inserted: r.inserted });
  }
  return written;
}

/** Maps each written record to its tag in a global tag, creating the global tag if needed. */
export async function mapInGlobalTag(db: ConditionsDb, globalTag: string, written: readonly { record: string; tag: string }[], description: string): Promise<void> {
  if (!(await db.listGlobalTags()).some((g) => g.name === globalTag)) await db.createGlobalTag({ name: globalTag, description });
  for (const w of written) await db.setGlobalTagEntry(globalTag, w.record, w.tag);
}
