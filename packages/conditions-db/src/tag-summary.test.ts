import { NotFoundError, runTime, timestampTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

describeBackends('tag summary', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
  });
  afterEach(async () => db.close());

  it('counts effective IOVs and rows, gives first and last since exactly and the global tags using it', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run', description: 'light yield' });
    await db.appendIovs('s', [runTime(100), runTime(200, 5), runTime(300)].map((since, i) => ({ since, payload: scale(1000 + i), provenance })));
    const last = await db.appendIov('s', { since: runTime(300), payload: scale(7), provenance }); // supersedes
    await db.createGlobalTag({ name: 'reco' });
    await db.setGlobalTagEntry('reco', 'test.energy-scale', 's');
    const s = await db.tagSummary('s');
    expect(s).toMatchObject({ name: 's', description: 'light yield', timeType: 'run', state: 'open', iovCount: 3, rowCount: 4 });
    expect(s.firstSince).toEqual(runTime(100));
    expect(s.lastSince).toEqual(runTime(300));
    expect(s.lastInsertedAt!.getTime()).toBe(last.insertedAt.getTime());
    expect(s.globalTags).toEqual([{ globalTag: 'reco', record: 'test.energy-scale', tag: 's' }]);
  });

  it('reads timestamps beyond 2^53 exactly, says null for an empty tag and refuses an unknown one', async () => {
    await db.createTag({ name: 'ts', record: 'test.energy-scale', timeType: 'timestamp' });
    expect(await db.tagSummary('ts')).toMatchObject({ iovCount: 0, rowCount: 0, firstSince: null, lastSince: null, lastInsertedAt: null, globalTags: [] });
    const ns = 1795478400000000257n;
    await db.appendIovs('ts', [{ since: timestampTime(ns - 1n), payload: scale(1), provenance }, { since: timestampTime(ns), payload: scale(2), provenance }]);
    const s = await db.tagSummary('ts');
    expect(s.firstSince).toEqual(timestampTime(ns - 1n));
    expect(s.lastSince).toEqual(timestampTime(ns));
    await expect(db.tagSummary('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
