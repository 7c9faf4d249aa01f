import { tagFor, type ConditionsWriter, type WriteRequest, type WrittenPayload } from '@nucal/core';
import type { ConditionsDb } from './conditions-db.js';

/**
 * The conditions database as the calibration host's {@link ConditionsWriter}: each payload
 * goes to the tag `<tagPrefix>.<record>` (its record registered and the tag created on first
 * use, with the time type of `since`) as an IOV from `since`, with the run's provenance; with
 * `globalTag`, each record is also mapped to its tag there (the global tag is created if
 * needed and must be open). An identical payload already current at `since` is not written
 * again (`inserted: false`), so re-running a job is harmless.
 *
 * @example
 * await runCalibration(plugin, sample, { at, rng, writer: conditionsWriter(db), tagPrefix: 'mc' });
 */
export function conditionsWriter(db: ConditionsDb): ConditionsWriter {
  return {
    async write(req: WriteRequest): Promise<WrittenPayload[]> {
      const written: WrittenPayload[] = [];
      for (const p of req.payloads) {
        await db.registerRecord(p.record);
        const tag = tagFor(req.tagPrefix, p.record.name);
        await db.ensureTag({ name: tag, record: p.record.name, recordVersion: p.record.version, timeType: req.since.kind, description: `written by ${req.provenance.plugin.id}` });
        const r = await db.appendIov(tag, { since: req.since, payload: p.payload, provenance: req.provenance });
        written.push({ record: p.record.name, tag, hash: r.hashes[0]!, inserted: r.inserted > 0 });
      }
      if (req.globalTag !== undefined && written.length) {
        if (!(await db.listGlobalTags()).some((g) => g.name === req.globalTag)) {
          await db.createGlobalTag({ name: req.globalTag, description: `written by ${req.provenance.plugin.id}` });
        }
        const gt = await db.getGlobalTag(req.globalTag);
        for (const w of written) {
          if (gt.entries.find((e) => e.record === w.record)?.tag !== w.tag) await db.setGlobalTagEntry(req.globalTag, w.record, w.tag);
        }
      }
      return written;
    },
  };
}
