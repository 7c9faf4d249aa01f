import { canonicalJson, NotFoundError, payloadHash, runTime, ValidationError } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

describeBackends('payloads by hash and audit labels', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
  });
  afterEach(async () => db.close());

  it('returns a payload by its hash with the exact bytes the hash was computed from', async () => {
    const r = await db.appendIov('s', { since: runTime(1), payload: scale(1345.5), provenance });
    const hash = r.hashes[0]!;
    const p = await db.getPayload(hash);
    expect(p.hash).toBe(hash);
    expect(p.record).toEqual({ name: 'test.energy-scale', version: 1 });
    expect(payloadHash(p.record, p.canonicalData)).toBe(hash);
    expect(p.canonicalData).toBe(canonicalJson(scale(1345.5)));
    expect(p.sizeBytes).toBe(Buffer.byteLength(p.canonicalData));
    expect(p.provenance).toMatchObject({ plugin: { id: 'test.plugin' } });
    expect(p.createdAt.getTime()).toBe(r.insertedAt.getTime());
    await expect(db.getPayload('0'.repeat(64))).rejects.toBeInstanceOf(NotFoundError);
    await expect(db.getPayload('ABC')).rejects.toBeInstanceOf(ValidationError);
  });

  it('writes through withLabel with that label and the same identity, sharing the connection', async () => {
    const bot = db.withLabel('http:calib-bot\n');
    await bot.appendIov('s', { since: runTime(1), payload: scale(1), provenance });
    const [entry] = await db.auditLog({ limit: 1 });
    expect(entry).toMatchObject({ action: 'iov.append', target: 's', label: 'http:calib-bot', actor: db.identity });
    // the original keeps its own label
    await db.appendIov('s', { since: runTime(2), payload: scale(2), provenance });
    expect((await db.auditLog({ limit: 1 }))[0]!.label).toBe('tester');
    expect((await bot.resolve({ tag: 's', record: scaleRecord, at: runTime(5) })).payload.y0PePerMeV).toBe(2);
  });
});
