import { defineRecord, MAX_TIMESTAMP_NS, runTime, timestampTime, type ProvenanceInput } from '@nucal/core';
import type { ConditionsDb } from '@nucal/conditions-db';
import { z } from 'zod';

/** A record like the real ones: units in names, a fit block. */
export const scaleRecord = defineRecord({
  name: 'test.energy-scale',
  version: 1,
  description: 'Test energy scale: light yield in PE/MeV',
  schema: z.object({ y0PePerMeV: z.number().positive(), y0ErrPePerMeV: z.number().nonnegative(), fit: z.object({ chi2: z.number().nonnegative(), ndof: z.number().int() }) }),
});

export const provenance: ProvenanceInput = { plugin: { id: 'test.plugin', version: '0.0.0' }, input: { description: 'service test' }, createdAt: '2026-11-24T00:00:00Z' };
export const scale = (y0: number) => ({ y0PePerMeV: y0, y0ErrPePerMeV: 1, fit: { chi2: 1, ndof: 1 } });

/** A timestamp beyond 2^53 ns: t0 and t0 + 1 are the same JS number. */
export const T0 = 1_764_000_000_123_456_789n;

/**
 * The conditions the service tests read:
 * - `calib.scale-run` (run, open, no back-fill): IOVs at runs 100, 200, 300;
 * - `calib.scale-ts` (timestamp): IOVs at T0, T0 + 1 and 2^63 - 1 ns;
 * - `reco-open` (open global tag) and `reco-locked` (locked with a snapshot) on the run tag,
 *   `reco-ts` (locked with a snapshot) on the timestamp tag.
 */
export async function seedConditions(db: ConditionsDb): Promise<void> {
  await db.registerRecord(scaleRecord);
  await db.createTag({ name: 'calib.scale-run', record: scaleRecord.name, timeType: 'run' });
  await db.appendIovs('calib.scale-run', [100, 200, 300].map((r) => ({ since: runTime(r), payload: scale(r), provenance })));
  await db.createTag({ name: 'calib.scale-ts', record: scaleRecord.name, timeType: 'timestamp' });
  await db.appendIovs('calib.scale-ts', [
    { since: timestampTime(T0), payload: scale(1), provenance },
    { since: timestampTime(T0 + 1n), payload: scale(2), provenance },
    { since: timestampTime(MAX_TIMESTAMP_NS), payload: scale(3), provenance },
  ]);
  for (const [gt, tag] of [['reco-open', 'calib.scale-run'], ['reco-locked', 'calib.scale-run'], ['reco-ts', 'calib.scale-ts']] as const) {
    await db.createGlobalTag({ name: gt });
    await db.setGlobalTagEntry(gt, scaleRecord.name, tag);
  }
  await db.lockGlobalTag('reco-locked', { snapshot: 'now' });
  await db.lockGlobalTag('reco-ts', { snapshot: 'now' });
}
