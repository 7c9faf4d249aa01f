import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import { PermissionError, runTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { countRows, describeBackends, freshDb, tempDir } from '../test/backends.js';
import { readFileMark } from './file-mark.js';
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

  it('marks an export read-only: writes are refused unless explicitly overridden; never writes into an existing file', async () => {
    await db.exportGlobalTag('reco', file);
    expect(statSync(file).mode & 0o222).toBe(0);
    expect(await readFileMark(file)).toMatchObject({ kind: 'export' });
    const opened = await openConditionsDb({ url: file });
    try {
      expect(opened.readOnly).toBe(true);
      await expect(opened.createTag({ name: 'x', record: 'test.energy-scale', timeType: 'run' })).rejects.toThrow(PermissionError);
      await expect(opened.createTag({ name: 'x', record: 'test.energy-scale', timeType: 'run' })).rejects.toThrow(/exported snapshot marked read-only/);
    } finally {
      await opened.close();
    }
    chmodSync(file, 0o644);
    const forced = await openConditionsDb({ url: file, overrideReadOnlyMark: true });
    try {
      await forced.createTag({ name: 'x', record: 'test.energy-scale', timeType: 'run' });
    } finally {
      await forced.close();
    }
    const existing = join(tempDir('nucal-export-'), 'existing.sqlite');
    writeFileSync(existing, 'not yours');
    await expect(db.exportGlobalTag('reco', `sqlite:${existing}`)).rejects.toThrow(/already exists/);
    expect(readFileSync(existing, 'utf8')).toBe('not yours');
  });

  it('refuses a tampered export, writing nothing', async () => {
    await db.exportGlobalTag('reco', file);
    chmodSync(file, 0o644);
    const k = knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
    const row = await k('payloads').orderBy('hash').first();
    await k('payloads').where({ hash: row.hash }).update({ data: String(row.data).replace(/"y0PePerMeV":\d+/, '"y0PePerMeV":9999') });
    await k.destroy();
    const other = await freshDb(backend);
    try {
      await expect(other.importFile(file)).rejects.toThrow(/does not match its content .* the file was altered/);
      expect(await countRows(other, 'payloads')).toBe(0);
      expect(await countRows(other, 'tags')).toBe(0);
      // The genuine content appended later reads back genuine.
      await other.registerRecord(scaleRecord);
      await other.createTag({ name: 'honest', record: 'test.energy-scale', timeType: 'run' });
      for (const r of [1, 100, 200]) await other.appendIov('honest', { since: runTime(r), payload: scale(r), provenance });
      for (const r of [1, 100, 200]) expect((await other.resolve({ tag: 'honest', record: scaleRecord, at: runTime(r) })).payload.y0PePerMeV).toBe(r);
    } finally {
      await other.close();
    }
  });

  it('imports into an existing tag only as an append would: back-fill and locks refused, nothing written', async () => {
    await db.exportGlobalTag('reco', file);
    const other = await freshDb(backend);
    try {
      await other.registerRecord(scaleRecord);
      await other.createTag({ name: 'scale-a', record: 'test.energy-scale', timeType: 'run' });
      await other.appendIov('scale-a', { since: runTime(300), payload: scale(300), provenance });
      const audit = (await other.auditLog()).length;
      await expect(other.importFile(file)).rejects.toThrow(/would gain an IOV at \d+ .*below its last since .*does not allow back-filling/);
      await expect(other.importFile(file, { dryRun: true })).rejects.toThrow(/does not allow back-filling/);
      expect((await other.auditLog()).length).toBe(audit);
      expect(await countRows(other, 'iovs')).toBe(1);
      expect(await other.listGlobalTags()).toEqual([]);
      await other.lockTag('scale-a');
      await expect(other.importFile(file)).rejects.toThrow(/tag scale-a is locked here and would gain 3 IOV/);
    } finally {
      await other.close();
    }
  });

  it('never changes what a locked global tag resolves, and an imported one resolves as in the file', async () => {
    await db.exportGlobalTag('reco', file);
    const other = await freshDb(backend);
    try {
      await other.registerRecord(scaleRecord);
      await other.createTag({ name: 'scale-a', record: 'test.energy-scale', timeType: 'run' });
      await other.appendIov('scale-a', { since: runTime(1), payload: scale(1), provenance });
      await other.createGlobalTag({ name: 'frozen' });
      await other.setGlobalTagEntry('frozen', 'test.energy-scale', 'scale-a');
      await other.lockGlobalTag('frozen', { snapshot: 'now' });
      const summary = await other.importFile(file);
      expect(summary).toMatchObject({ tags: 0, iovs: 2, globalTags: 1 });
      expect(summary.changes.map((c) => c.action)).toEqual(['store-payloads', 'append-iovs', 'move-snapshot', 'create-global-tag']);
      for (const run of [1, 150, 250]) {
        expect((await other.resolve({ globalTag: 'frozen', record: scaleRecord, at: runTime(run) })).payload.y0PePerMeV).toBe(1);
        const want = await db.resolve({ globalTag: 'reco', record: scaleRecord, at: runTime(run) });
        const got = await other.resolve({ globalTag: 'reco', record: scaleRecord, at: runTime(run) });
        expect([got.payload, got.hash, got.since, got.until]).toEqual([want.payload, want.hash, want.since, want.until]);
      }
      expect((await other.importFile(file)).changes).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
