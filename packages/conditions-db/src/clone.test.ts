import { ConflictError, NotFoundError, runTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { countRows, describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

describeBackends('tag clone', (backend) => {
  let db: ConditionsDb;
  let firstStamp: Date;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
    await db.createTag({ name: 'a', record: 'test.energy-scale', timeType: 'run', description: 'light yield', allowBackfill: true });
    firstStamp = (await db.appendIovs('a', [1, 100, 200].map((r) => ({ since: runTime(r), payload: scale(r), provenance })))).insertedAt;
    await db.appendIov('a', { since: runTime(100), payload: scale(101), provenance }); // supersedes 100
    await db.lockTag('a');
  });
  afterEach(async () => db.close());

  const view = async (d: ConditionsDb, tag: string, asOf?: Date) =>
    (await d.listIovs(tag, asOf ? { asOf } : {})).items.map((i) => [i.since.kind === 'run' ? Number(i.since.run) : -1, i.hash]);

  it('copies the effective IOVs as a new open tag stamped now, payloads shared, through one audited write', async () => {
    const s = await db.cloneTag('a', 'b');
    expect(s).toMatchObject({ from: 'a', to: 'b', history: false, dryRun: false, tags: 1, iovs: 3, payloads: 0, records: 0, globalTags: 0 });
    expect(await view(db, 'b')).toEqual(await view(db, 'a'));
    const b = await db.getTag('b');
    expect(b).toMatchObject({ state: 'open', allowBackfill: true, description: 'clone of a: light yield', record: { name: 'test.energy-scale', version: 1 } });
    // stamped by the clone: as of the original's first write the copy is empty
    expect(await view(db, 'b', firstStamp)).toEqual([]);
    expect((await db.tagSummary('b')).rowCount).toBe(3);
    expect((await db.auditLog({ limit: 1 }))[0]).toMatchObject({ action: 'tag.clone', target: 'b' });
    await db.appendIov('b', { since: runTime(300), payload: scale(300), provenance }); // the copy is writable
  });

  it('with history copies every row with its stamps, so as-of lookups answer as on the original', async () => {
    await db.cloneTag('a', 'h', { history: true, description: 'kept' });
    expect((await db.tagSummary('h')).rowCount).toBe(4);
    expect(await view(db, 'h', firstStamp)).toEqual(await view(db, 'a', firstStamp));
    expect(await view(db, 'h')).toEqual(await view(db, 'a'));
    expect((await db.getTag('h')).description).toBe('kept');
  });

  it('clones into another database through the verified import path, and as of a date', async () => {
    const other = await freshDb(backend);
    try {
      const dry = await db.cloneTag('a', 'a', { into: other, dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, records: 1, payloads: 3, tags: 1, iovs: 3 });
      expect(await countRows(other, 'iovs')).toBe(0);
      const s = await db.cloneTag('a', 'a', { into: other, asOf: firstStamp });
      expect(s).toMatchObject({ dryRun: false, records: 1, payloads: 3, tags: 1, iovs: 3, target: other.location });
      // as of the first write, run 100 still had its first payload
      expect(await view(other, 'a')).toEqual(await view(db, 'a', firstStamp));
      expect((await other.resolve({ tag: 'a', record: scaleRecord, at: runTime(150) })).payload.y0PePerMeV).toBe(100);
      await expect(db.cloneTag('a', 'a', { into: other })).rejects.toThrow(/tag a already exists in .*: choose a new name/);
    } finally {
      await other.close();
    }
  });

  it('refuses an existing target tag, an unknown source and a bad name, writing nothing', async () => {
    await db.createTag({ name: 'taken', record: 'test.energy-scale', timeType: 'run' });
    const rows = await countRows(db, 'iovs');
    const audit = await countRows(db, 'audit_log');
    await expect(db.cloneTag('a', 'taken')).rejects.toBeInstanceOf(ConflictError);
    await expect(db.cloneTag('a', 'a')).rejects.toBeInstanceOf(ConflictError);
    await expect(db.cloneTag('nope', 'c')).rejects.toBeInstanceOf(NotFoundError);
    await expect(db.cloneTag('a', 'bad name!')).rejects.toThrow(/new tag name "bad name!" is invalid/);
    expect(await countRows(db, 'iovs')).toBe(rows);
    expect(await countRows(db, 'audit_log')).toBe(audit);
  });
});
