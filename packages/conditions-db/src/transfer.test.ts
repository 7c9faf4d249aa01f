import { join } from 'node:path';
import { runTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb, tempDir } from '../test/backends.js';
import { lifetimeRecord, provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';
import { openConditionsDb } from './open.js';

describeBackends('export and import', (backend) => {
  let db: ConditionsDb;
  let file: string;
  beforeEach(async () => {
    db = await freshDb(backend);
    file = join(tempDir('nucal-export-'), 'reco.sqlite');
    await db.registerRecord(scaleRecord);
    await db.registerRecord(lifetimeRecord);
    await db.createTag({ name: 'scale-a', record: 'test.energy-scale', timeType: 'run' });
    await db.createTag({ name: 'unused', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIovs('scale-a', [1, 100, 200].map((r) => ({ since: runTime(r), payload: scale(r), provenance })));
    await db.appendIovs('unused', [{ since: runTime(1), payload: scale(7), provenance }]);
    await db.createGlobalTag({ name: 'reco' });
    await db.setGlobalTagEntry('reco', 'test.energy-scale', 'scale-a');
    await db.lockGlobalTag('reco', { snapshot: 'now' });
  });
  afterEach(async () => db.close());

  it('exports a global tag and only what it needs to a file that resolves the same, read-only', async () => {
    const summary = await db.exportGlobalTag('reco', file);
    expect(summary).toEqual({ file, records: 1, payloads: 3, tags: 1, iovs: 3, globalTags: 1 });
    const ex = await openConditionsDb({ url: file, readOnly: true });
    try {
      expect((await ex.listTags()).map((t) => t.name)).toEqual(['scale-a']);
      for (const run of [1, 99, 100, 150, 200, 5000]) {
        const a = await db.resolve({ globalTag: 'reco', record: scaleRecord, at: runTime(run) });
        const b = await ex.resolve({ globalTag: 'reco', record: scaleRecord, at: runTime(run) });
        expect({ ...b, insertedAt: b.insertedAt.getTime() }).toEqual({ ...a, insertedAt: a.insertedAt.getTime() });
      }
      await expect(ex.createTag({ name: 'x', record: 'test.energy-scale', timeType: 'run' })).rejects.toThrow(/read-only/);
      await expect(ex.knex.raw("INSERT INTO nucal_meta (key, value) VALUES ('x', 'y')")).rejects.toThrow(/readonly|read-only|query_only|attempt to write/i);
    } finally {
      await ex.close();
    }
    await expect(db.exportGlobalTag('reco', file)).rejects.toThrow(/already exists/);
  });

  it('imports an export into another database, idempotently, and refuses contradictions', async () => {
    await db.exportGlobalTag('reco', file);
    const other = await freshDb(backend);
    try {
      const dry = await other.importFile(file, { dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, records: 1, payloads: 3, tags: 1, iovs: 3, globalTags: 1 });
      expect(dry.changes.map((c) => c.action)).toEqual(['register-record', 'store-payloads', 'create-tag', 'create-global-tag']);
      expect(await other.listTags()).toEqual([]);
      expect(await other.importFile(file)).toMatchObject({ dryRun: false, records: 1, payloads: 3, tags: 1, iovs: 3, globalTags: 1 });
      expect(await other.importFile(file)).toMatchObject({ records: 0, payloads: 0, tags: 0, iovs: 0, globalTags: 0, changes: [] });
      const r = await other.resolve({ globalTag: 'reco', record: scaleRecord, at: runTime(150) });
      expect(r.payload.y0PePerMeV).toBe(100);
      expect((await other.getGlobalTag('reco')).state).toBe('locked');
      const third = await freshDb(backend);
      try {
        await third.registerRecord(lifetimeRecord);
        await third.createTag({ name: 'scale-a', record: 'test.lifetime', timeType: 'run' });
        await expect(third.importFile(file)).rejects.toThrow(/tag scale-a exists here for test\.lifetime@1/);
        expect(await third.listGlobalTags()).toEqual([]);
      } finally {
        await third.close();
      }
    } finally {
      await other.close();
    }
  });
});
