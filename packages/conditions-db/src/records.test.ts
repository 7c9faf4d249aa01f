import { defineRecord, runTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { countRows, describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

describeBackends('records and payloads', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
  });
  afterEach(async () => db.close());

  it('registers a record once and refuses a changed schema under the same version', async () => {
    await db.registerRecord(scaleRecord);
    await db.registerRecord(scaleRecord);
    expect((await db.listRecords()).map((r) => `${r.name}@${r.version}`)).toEqual(['test.energy-scale@1']);
    const changed = defineRecord({ name: 'test.energy-scale', version: 1, description: 'x', schema: z.object({ other: z.number() }) });
    await expect(db.registerRecord(changed)).rejects.toThrow(/already registered with a different schema: register the new layout as version 2/);
  });

  it('stores an identical payload once (content addressing) and keeps both IOVs', async () => {
    await db.registerRecord(scaleRecord);
    await db.createTag({ name: 'scale-v1', record: 'test.energy-scale', timeType: 'run' });
    const a = await db.appendIov('scale-v1', { since: runTime(1), payload: scale(1345), provenance });
    const b = await db.appendIov('scale-v1', { since: runTime(5), payload: { fit: { ndof: 1, chi2: 1 }, y0ErrPePerMeV: 1, y0PePerMeV: 1345 }, provenance });
    expect(a.hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hashes[0]).toBe(a.hashes[0]);
    expect(await countRows(db, 'payloads')).toBe(1);
    expect((await db.listIovs('scale-v1')).items).toHaveLength(2);
  });

  it('rejects payloads that fail the schema, naming the paths, and writes nothing', async () => {
    await db.registerRecord(scaleRecord);
    await db.createTag({ name: 'scale-v1', record: 'test.energy-scale', timeType: 'run' });
    const audit0 = (await db.auditLog()).length;
    await expect(db.appendIov('scale-v1', { since: runTime(1), payload: { ...scale(1), y0PePerMeV: Number.NaN }, provenance })).rejects.toThrow(/y0PePerMeV/);
    await expect(db.appendIov('scale-v1', { since: runTime(1), payload: { ...scale(1), y0PePerMeV: Number.POSITIVE_INFINITY }, provenance })).rejects.toThrow(/y0PePerMeV/);
    await expect(db.appendIov('scale-v1', { since: runTime(1), payload: { y0ErrPePerMeV: 1, fit: { chi2: 1, ndof: 1 } }, provenance })).rejects.toThrow(
      /does not match record test\.energy-scale@1: y0PePerMeV/,
    );
    await expect(db.appendIov('scale-v1', { since: runTime(1), payload: { ...scale(1), fit: { chi2: -1, ndof: 1 } }, provenance })).rejects.toThrow(/fit\.chi2/);
    await expect(db.appendIov('scale-v1', { since: runTime(1), payload: scale(1), provenance: { plugin: { id: '', version: '1' }, input: { description: '' } } })).rejects.toThrow(
      /provenance .* is invalid: plugin\.id/,
    );
    expect((await db.listIovs('scale-v1')).items).toHaveLength(0);
    expect(await countRows(db, 'payloads')).toBe(0);
    expect((await db.auditLog()).length).toBe(audit0);
  });

  it('validates payloads of records registered from a JSON Schema', async () => {
    await db.registerJsonSchemaRecord({
      name: 'test.gain',
      version: 1,
      description: 'channel gain',
      jsonSchema: { type: 'object', properties: { gainAdcPerFc: { type: 'number', exclusiveMinimum: 0 } }, required: ['gainAdcPerFc'] },
    });
    await db.createTag({ name: 'gain', record: 'test.gain', timeType: 'run' });
    await db.appendIov('gain', { since: runTime(1), payload: { gainAdcPerFc: 1.5 }, provenance });
    await expect(db.appendIov('gain', { since: runTime(2), payload: { gainAdcPerFc: -1 }, provenance })).rejects.toThrow(/gainAdcPerFc/);
    await expect(db.registerJsonSchemaRecord({ name: 'Bad Name', version: 1, description: '', jsonSchema: {} })).rejects.toThrow(/record name "Bad Name"/);
  });

  it('refuses tags of unknown records and bad names, writing nothing', async () => {
    await expect(db.createTag({ name: 'x', record: 'test.nothing', timeType: 'run' })).rejects.toThrow(/record test\.nothing is not registered/);
    await db.registerRecord(scaleRecord);
    await expect(db.createTag({ name: 'bad name!', record: 'test.energy-scale', timeType: 'run' })).rejects.toThrow(/tag definition is invalid: name/);
    await expect(db.createTag({ name: 'ok', record: 'test.energy-scale', timeType: 'hourly' as 'run' })).rejects.toThrow(/timeType/);
    expect(await db.listTags()).toEqual([]);
  });
});
