import { MAX_TIMESTAMP_NS, NoIovError, runTime, timestampTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

describeBackends('tags and IOVs', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
  });
  afterEach(async () => db.close());

  it('resolves since-only IOVs: the end of each is the next since', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIovs('s', [100, 200, 300].map((r) => ({ since: runTime(r), payload: scale(r), provenance })));
    const at = async (run: number, sub = 0) => db.resolve({ tag: 's', record: scaleRecord, at: runTime(run, sub) });
    expect((await at(100)).payload.y0PePerMeV).toBe(100);
    expect((await at(199, 4)).payload.y0PePerMeV).toBe(100);
    const r = await at(200);
    expect(r.payload.y0PePerMeV).toBe(200);
    expect(r.since).toEqual(runTime(200));
    expect(r.until).toEqual(runTime(300));
    expect((await at(100000)).until).toBeNull();
    await expect(at(99)).rejects.toThrow(/no IOV of tag s covers 99: its first since is 100/);
    // the miss names where the gap ends, so that a cache can remember it
    const miss = await at(99).catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(NoIovError);
    expect((miss as NoIovError).until).toEqual(runTime(100));
    await expect(db.resolve({ tag: 's', record: scaleRecord, at: timestampTime(5) })).rejects.toThrow(/is a timestamp time but tag s uses run times/);
    await expect(db.resolve({ tag: 'nope', record: scaleRecord, at: runTime(1) })).rejects.toThrow(/tag nope does not exist/);
  });

  it('sees IOVs written after an earlier lookup (no stale read snapshot)', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIov('s', { since: runTime(1), payload: scale(1), provenance });
    expect((await db.resolve({ tag: 's', record: scaleRecord, at: runTime(10) })).payload.y0PePerMeV).toBe(1);
    await db.appendIov('s', { since: runTime(5), payload: scale(5), provenance });
    expect((await db.resolve({ tag: 's', record: scaleRecord, at: runTime(10) })).payload.y0PePerMeV).toBe(5);
    await db.createGlobalTag({ name: 'later' });
    await db.setGlobalTagEntry('later', 'test.energy-scale', 's');
    expect((await db.resolve({ globalTag: 'later', record: scaleRecord, at: runTime(10) })).payload.y0PePerMeV).toBe(5);
  });

  it('keeps nanosecond timestamps beyond 2^53 exact end to end', async () => {
    await db.createTag({ name: 'ts', record: 'test.energy-scale', timeType: 'timestamp' });
    const t0 = 1_764_000_000_123_456_789n;
    await db.appendIovs('ts', [
      { since: timestampTime(t0), payload: scale(1), provenance },
      { since: timestampTime(t0 + 1n), payload: scale(2), provenance },
      { since: timestampTime(MAX_TIMESTAMP_NS), payload: scale(3), provenance },
    ]);
    // t0 and t0+1 are the same JS number: only exact integers tell them apart.
    expect(Number(t0)).toBe(Number(t0 + 1n));
    const a = await db.resolve({ tag: 'ts', record: scaleRecord, at: timestampTime(t0) });
    expect(a.payload.y0PePerMeV).toBe(1);
    expect(a.until).toEqual(timestampTime(t0 + 1n));
    const b = await db.resolve({ tag: 'ts', record: scaleRecord, at: timestampTime(t0 + 1n) });
    expect(b.payload.y0PePerMeV).toBe(2);
    expect(b.since).toEqual(timestampTime(t0 + 1n));
    expect((await db.resolve({ tag: 'ts', record: scaleRecord, at: timestampTime(MAX_TIMESTAMP_NS) })).payload.y0PePerMeV).toBe(3);
  });

  it('supersedes at an existing since without deleting history; as-of reads the past', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIovs('s', [{ since: runTime(1), payload: scale(10), provenance }, { since: runTime(50), payload: scale(50), provenance }]);
    await new Promise((r) => setTimeout(r, 5));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await db.appendIov('s', { since: runTime(50), payload: scale(55), provenance });
    expect((await db.resolve({ tag: 's', record: scaleRecord, at: runTime(60) })).payload.y0PePerMeV).toBe(55);
    expect((await db.resolve({ tag: 's', record: scaleRecord, at: runTime(60), asOf: before })).payload.y0PePerMeV).toBe(50);
    const history = (await db.listIovs('s', { history: true })).items;
    expect(history.map((i) => [i.since, i.current])).toEqual([[runTime(1), true], [runTime(50), false], [runTime(50), true]]);
    const effective = (await db.listIovs('s')).items;
    expect(effective).toHaveLength(2);
    expect(effective[0]!.until).toEqual(runTime(50));
  });

  it('skips an IOV whose payload is already current at its since (idempotent re-run)', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    const batch = [1, 2, 3].map((r) => ({ since: runTime(r), payload: scale(r), provenance }));
    expect(await db.appendIovs('s', batch)).toMatchObject({ inserted: 3, unchanged: 0 });
    expect(await db.appendIovs('s', batch.slice(2))).toMatchObject({ inserted: 0, unchanged: 1 });
    expect((await db.listIovs('s', { history: true })).items).toHaveLength(3);
  });

  it('refuses appends below the last since unless the tag allows back-filling', async () => {
    await db.createTag({ name: 'fwd', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIov('fwd', { since: runTime(100), payload: scale(1), provenance });
    await expect(db.appendIov('fwd', { since: runTime(50), payload: scale(2), provenance })).rejects.toThrow(
      /starts at 50, below the tag's last since 100: the tag does not allow back-filling/,
    );
    await db.createTag({ name: 'bf', record: 'test.energy-scale', timeType: 'run', allowBackfill: true });
    await db.appendIov('bf', { since: runTime(100), payload: scale(1), provenance });
    await db.appendIov('bf', { since: runTime(50), payload: scale(2), provenance });
    const r = await db.resolve({ tag: 'bf', record: scaleRecord, at: runTime(60) });
    expect(r.payload.y0PePerMeV).toBe(2);
    expect(r.until).toEqual(runTime(100));
  });

  it('a locked tag accepts nothing, and nothing is written', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIov('s', { since: runTime(1), payload: scale(1), provenance });
    expect((await db.lockTag('s')).state).toBe('locked');
    const audits = (await db.auditLog()).length;
    await expect(db.appendIov('s', { since: runTime(2), payload: scale(2), provenance })).rejects.toThrow(/tag s is locked: it accepts no more IOVs/);
    expect((await db.listIovs('s')).items).toHaveLength(1);
    expect((await db.auditLog()).length).toBe(audits);
  });

  it('a bulk append with one bad IOV writes none of them', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    const good = Array.from({ length: 999 }, (_, i) => ({ since: runTime(i + 1), payload: scale(i + 1), provenance }));
    await expect(db.appendIovs('s', [...good, { since: runTime(2000), payload: { y0PePerMeV: 'high' }, provenance }])).rejects.toThrow(/#999/);
    await expect(db.appendIovs('s', [...good, { since: timestampTime(5), payload: scale(1), provenance }])).rejects.toThrow(/#999 since 5 is a timestamp time but tag s uses run times/);
    await expect(db.appendIovs('s', [])).rejects.toThrow(/no IOVs given/);
    await expect(db.appendIovs('s', [...good, { since: { kind: 'run', run: 2n ** 31n }, payload: scale(1), provenance }])).rejects.toThrow(/IOV #999 for tag s: run 2147483648 is out of range/);
    expect((await db.listIovs('s')).items).toHaveLength(0);
  });

  it('pages IOV listings stably and includes the IOV covering the start of a range', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIovs('s', Array.from({ length: 25 }, (_, i) => ({ since: runTime(10 * i), payload: scale(i + 1), provenance })));
    const seen = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await db.listIovs('s', { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((i) => i.since.kind === 'run' && Number(i.since.run))).toEqual(Array.from({ length: 25 }, (_, i) => 10 * i));
    expect(seen.every((iov, i) => (i < 24 ? iov.until?.kind === 'run' && iov.until.run === BigInt(10 * (i + 1)) : iov.until === null))).toBe(true);
    const range = await db.listIovs('s', { from: runTime(35), to: runTime(60) });
    expect(range.items.map((i) => i.since)).toEqual([runTime(30), runTime(40), runTime(50)]);
    await expect(db.listIovs('s', { limit: 0 })).rejects.toThrow(/limit 0 is invalid/);
    await expect(db.listIovs('s', { cursor: 'abc' })).rejects.toThrow(/cursor "abc" is invalid/);
  });

  it('records every write in the audit log with its actor', async () => {
    await db.createTag({ name: 's', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIov('s', { since: runTime(1), payload: scale(1), provenance });
    await db.lockTag('s');
    const log = await db.auditLog();
    expect(log.map((e) => e.action)).toEqual(['tag.lock', 'iov.append', 'tag.create', 'record.register']);
    // The actor is the authenticated identity (the PostgreSQL role, the OS user for a file);
    // the free-text label is kept beside it, never instead of it.
    expect(log.every((e) => e.actor === db.identity && e.label === 'tester')).toBe(true);
    if (backend.name === 'postgres') expect(db.identity).toBe('postgres');
    expect(log[1]!.details).toMatchObject({ inserted: 1, firstSince: '1', lastSince: '1' });
  });
});
