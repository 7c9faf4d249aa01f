import { MAX_TIMESTAMP_NS, ConflictError, ValidationError, parseTime, runTime, timestampTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { countRows, describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

/**
 * The defects of the conditions-trust issue, one test each, on both engines: exact 64-bit
 * sinces in every query, database-side ordering and stamps, limits checked before any SQL,
 * and providers that never serve stale constants silently.
 */
describeBackends('conditions you can trust', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.close();
  });

  const ts = (text: string) => parseTime(text, 'timestamp');

  it('reads the last since exactly above 2^53: back-fill, idempotence and the top of the range', async () => {
    await db.createTag({ name: 't', record: 'test.energy-scale', timeType: 'timestamp' });
    await db.appendIov('t', { since: ts('2026-11-24T00:00:00.000000001Z'), payload: scale(1), provenance });
    // One nanosecond earlier is a back-fill, although both are the same JS double.
    await expect(db.appendIov('t', { since: ts('2026-11-24T00:00:00.000000000Z'), payload: scale(2), provenance })).rejects.toThrow(ConflictError);
    // Re-appending the current payload at the last since is unchanged, not a duplicate row.
    expect(await db.appendIov('t', { since: ts('2026-11-24T00:00:00.000000001Z'), payload: scale(1), provenance })).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(await countRows(db, 'iovs')).toBe(1);
    await db.appendIov('t', { since: timestampTime(1795478400000000255n), payload: scale(3), provenance });
    await db.appendIov('t', { since: timestampTime(1795478400000000256n), payload: scale(4), provenance });
    expect((await db.resolve({ tag: 't', record: scaleRecord, at: timestampTime(1795478400000000255n) })).payload.y0PePerMeV).toBe(3);
    await db.appendIov('t', { since: timestampTime(MAX_TIMESTAMP_NS), payload: scale(5), provenance });
    expect(await db.appendIov('t', { since: timestampTime(MAX_TIMESTAMP_NS), payload: scale(5), provenance })).toMatchObject({ unchanged: 1 });
    expect(await db.appendIov('t', { since: timestampTime(MAX_TIMESTAMP_NS), payload: scale(6), provenance })).toMatchObject({ inserted: 1 });
    expect((await db.resolve({ tag: 't', record: scaleRecord, at: timestampTime(MAX_TIMESTAMP_NS) })).payload.y0PePerMeV).toBe(6);
    // An identical IOV below the last since writes nothing, so a re-run job is not a back-fill.
    expect(await db.appendIov('t', { since: timestampTime(1795478400000000255n), payload: scale(3), provenance })).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('orders rows by the database sequence and stamps them with the database clock (a writer an hour behind still supersedes)', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    const first = await db.appendIov('s', { since: runTime(10), payload: scale(1), provenance });
    const realNow = Date.now;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 3_600_000);
    const second = await db.appendIov('s', { since: runTime(10), payload: scale(2), provenance });
    vi.restoreAllMocks();
    expect((await db.resolve({ tag: 's', record: scaleRecord, at: runTime(10) })).payload.y0PePerMeV).toBe(2);
    expect(second.insertedAt.getTime()).toBeGreaterThanOrEqual(first.insertedAt.getTime());
    // A write clock pushed an hour ahead (a host whose clock ran fast) keeps later stamps increasing.
    await db.knex('nucal_meta').where({ key: 'write_clock' }).update({ value: String((Date.now() + 3_600_000) * 1000) });
    const third = await db.appendIov('s', { since: runTime(10), payload: scale(3), provenance });
    const fourth = await db.appendIov('s', { since: runTime(10), payload: scale(4), provenance });
    expect(third.insertedAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(fourth.insertedAt.getTime()).toBeGreaterThanOrEqual(third.insertedAt.getTime());
    expect((await db.resolve({ tag: 's', record: scaleRecord, at: runTime(10) })).payload.y0PePerMeV).toBe(4);
    const log = await db.auditLog({ limit: 2 });
    expect(log[0]!.at.getTime()).toBeGreaterThanOrEqual(log[1]!.at.getTime());
  });

  it('refuses a snapshot later than the database clock and takes "now" from the database', async () => {
    await db.createGlobalTag({ name: 'g' });
    const future = new Date(Date.now() + 3_600_000);
    await expect(db.lockGlobalTag('g', { snapshot: future })).rejects.toThrow(/later than the database's clock/);
    await expect(db.createGlobalTag({ name: 'h', snapshot: future })).rejects.toThrow(/later than the database's clock/);
    const realNow = Date.now;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 3_600_000);
    const locked = await db.lockGlobalTag('g', { snapshot: 'now' });
    vi.restoreAllMocks();
    expect(Math.abs(locked.snapshot!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('checks limits before any SQL, identically on both engines', async () => {
    const long = { name: `test.${'a'.repeat(300)}`, version: 1, description: 'x', schema: z.object({ v: z.number() }) };
    await expect(db.registerRecord(long)).rejects.toThrow(ValidationError);
    const huge = { name: 'test.big-version', version: 99_999_999_999, description: 'x', schema: z.object({ v: z.number() }) };
    await expect(db.registerRecord(huge)).rejects.toThrow(ValidationError);
    await expect(db.registerJsonSchemaRecord({ name: 'test.big-version', version: 99_999_999_999, description: 'x', jsonSchema: { type: 'object' } })).rejects.toThrow(ValidationError);
    await expect(db.createTag({ name: 't', record: 'test.energy-scale', timeType: 'run', recordVersion: 99_999_999_999 })).rejects.toThrow(ValidationError);
    await expect(db.createTag({ name: 't', record: 'test.energy-scale', timeType: 'run', description: 'x'.repeat(5000) })).rejects.toThrow(ValidationError);
    await db.registerJsonSchemaRecord({ name: 'test.free', version: 1, description: 'anything', jsonSchema: { type: 'object' } });
    await db.createTag({ name: 'free', record: 'test.free', timeType: 'run' });
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    await expect(db.appendIov('free', { since: runTime(1), payload: deep, provenance })).rejects.toThrow(/nests deeper than 64 levels/);
    expect((await db.listRecords()).map((r) => r.name)).toEqual(['test.energy-scale', 'test.free']);
    expect(await countRows(db, 'iovs')).toBe(0);
  });

  it('refuses a provider whose answers could change unless it is live, and a live one sees new IOVs after maxAgeMs', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIov('s', { since: runTime(1), payload: scale(1), provenance });
    await db.createGlobalTag({ name: 'open' });
    await db.setGlobalTagEntry('open', 'test.energy-scale', 's');
    await expect(db.provider({ globalTag: 'open' })).rejects.toThrow(/global tag open is open: its answers can change while a job runs/);
    await expect(db.provider({ globalTag: 'open', asOf: new Date(Date.now() + 3_600_000) })).rejects.toThrow(/later than the database's clock/);
    const pinned = await db.provider({ globalTag: 'open', asOf: await db.now() });
    const live = await db.provider({ globalTag: 'open', live: { maxAgeMs: 200 } });
    expect((await pinned.resolve(scaleRecord, runTime(5))).payload.y0PePerMeV).toBe(1);
    expect((await live.resolve(scaleRecord, runTime(5))).payload.y0PePerMeV).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    await db.appendIov('s', { since: runTime(3), payload: scale(3), provenance });
    // Within maxAgeMs the live cache may still answer from the old interval ...
    expect((await live.resolve(scaleRecord, runTime(5))).payload.y0PePerMeV).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    // ... after it, never.
    expect((await live.resolve(scaleRecord, runTime(5))).payload.y0PePerMeV).toBe(3);
    pinned.clear();
    expect((await pinned.resolve(scaleRecord, runTime(5))).payload.y0PePerMeV).toBe(1);
    await db.lockGlobalTag('open');
    await expect(db.provider({ globalTag: 'open' })).rejects.toThrow(/is locked without a snapshot/);
  });
});
