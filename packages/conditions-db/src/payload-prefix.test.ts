import { canonicalJson, NotFoundError, payloadHash, runTime, ValidationError } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

/** Two light yields whose payload hashes share their first 6 hex digits (a birthday search, deterministic). */
function collidingYields(): [number, number, string] {
  const seen = new Map<string, number>();
  for (let y = 1; ; y++) {
    const p = payloadHash({ name: scaleRecord.name, version: scaleRecord.version }, canonicalJson(scale(y))).slice(0, 6);
    const other = seen.get(p);
    if (other !== undefined) return [other, y, p];
    seen.set(p, y);
  }
}

describeBackends('payloads by hash prefix', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
  });
  afterEach(async () => db.close());

  it('resolves a unique prefix of 6+ digits (any case) and refuses short, non-hex and unknown ones', async () => {
    const [hash] = (await db.appendIov('s', { since: runTime(1), payload: scale(1345), provenance })).hashes;
    await db.appendIov('s', { since: runTime(2), payload: scale(1350), provenance });
    expect(await db.resolvePayloadPrefix(hash!.slice(0, 6))).toBe(hash);
    expect(await db.resolvePayloadPrefix(hash!.slice(0, 10).toUpperCase())).toBe(hash);
    expect(await db.resolvePayloadPrefix(hash!)).toBe(hash);
    await expect(db.resolvePayloadPrefix(hash!.slice(0, 5))).rejects.toThrow(/too short: expected at least 6 hex digits/);
    await expect(db.resolvePayloadPrefix('xyz123')).rejects.toBeInstanceOf(ValidationError);
    await expect(db.resolvePayloadPrefix(`${hash!}0`)).rejects.toThrow(/expected 6 to 64 hex digits/);
    const absent = hash!.startsWith('000000') ? 'ffffff' : '000000';
    await expect(db.resolvePayloadPrefix(absent)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an ambiguous prefix, listing every candidate', async () => {
    const [a, b, prefix] = collidingYields();
    const r = await db.appendIovs('s', [{ since: runTime(1), payload: scale(a), provenance }, { since: runTime(2), payload: scale(b), provenance }]);
    const both = [...r.hashes].sort();
    expect(both.every((h) => h.startsWith(prefix))).toBe(true);
    expect(await db.payloadsWithPrefix(prefix)).toEqual(both);
    const err = await db.resolvePayloadPrefix(prefix).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(`payload prefix ${prefix} is ambiguous: it matches 2 payloads (${both.join(', ')}); expected a prefix that matches one`);
    // one more digit tells them apart unless they share it too: the full hash always does
    expect(await db.resolvePayloadPrefix(both[1]!)).toBe(both[1]);
  });
});
