import { runTime, type NoIovError } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb } from '../test/backends.js';
import { lifetimeRecord, provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describeBackends('global tags, diff and usage', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
    await db.registerRecord(lifetimeRecord);
    await db.createTag({ name: 'scale-a', record: 'test.energy-scale', timeType: 'run' });
    await db.createTag({ name: 'scale-b', record: 'test.energy-scale', timeType: 'run' });
    await db.createTag({ name: 'life-a', record: 'test.lifetime', timeType: 'run' });
    await db.appendIovs('scale-a', [1, 100, 200].map((r) => ({ since: runTime(r), payload: scale(r), provenance })));
    await db.appendIovs('scale-b', [1, 100, 150, 200].map((r) => ({ since: runTime(r), payload: scale(r === 150 ? 999 : r), provenance })));
    await db.appendIovs('life-a', [{ since: runTime(1), payload: { tpc: 0, lifetimeMs: 10 }, provenance }]);
  });
  afterEach(async () => db.close());

  it('resolves through a global tag and refuses mappings of the wrong record', async () => {
    await db.createGlobalTag({ name: 'reco-1', description: 'first reconstruction' });
    await db.setGlobalTagEntry('reco-1', 'test.energy-scale', 'scale-a');
    await db.setGlobalTagEntry('reco-1', 'test.lifetime', 'life-a');
    await expect(db.setGlobalTagEntry('reco-1', 'test.lifetime', 'scale-a')).rejects.toThrow(/tag scale-a holds record test\.energy-scale, not test\.lifetime/);
    const r = await db.resolve({ globalTag: 'reco-1', record: scaleRecord, at: runTime(150) });
    expect(r).toMatchObject({ tag: 'scale-a', globalTag: 'reco-1', since: runTime(100), until: runTime(200) });
    expect(r.payload.y0PePerMeV).toBe(100);
    expect((await db.resolve({ globalTag: 'reco-1', record: 'test.lifetime', at: runTime(5) })).payload).toEqual({ tpc: 0, lifetimeMs: 10 });
    await expect(db.resolve({ globalTag: 'reco-2', record: scaleRecord, at: runTime(1) })).rejects.toThrow(/global tag reco-2 does not exist/);
    await db.createGlobalTag({ name: 'empty' });
    await expect(db.resolve({ globalTag: 'empty', record: scaleRecord, at: runTime(1) })).rejects.toThrow(/maps no tag for record test\.energy-scale/);
    expect(((await db.resolve({ globalTag: 'empty', record: scaleRecord, at: runTime(1) }).catch((e: unknown) => e)) as NoIovError).until).toBeNull();
  });

  it('a locked global tag with a snapshot freezes what reconstruction sees', async () => {
    await db.createGlobalTag({ name: 'frozen' });
    await db.setGlobalTagEntry('frozen', 'test.energy-scale', 'scale-a');
    await tick();
    const locked = await db.lockGlobalTag('frozen', { snapshot: 'now' });
    expect(locked.state).toBe('locked');
    expect(locked.snapshot).not.toBeNull();
    await tick();
    await db.appendIov('scale-a', { since: runTime(200), payload: scale(222), provenance });
    await db.appendIov('scale-a', { since: runTime(300), payload: scale(300), provenance });
    // The tag itself moves on ...
    expect((await db.resolve({ tag: 'scale-a', record: scaleRecord, at: runTime(250) })).payload.y0PePerMeV).toBe(222);
    // ... the locked global tag does not.
    const r = await db.resolve({ globalTag: 'frozen', record: scaleRecord, at: runTime(350) });
    expect(r.payload.y0PePerMeV).toBe(200);
    expect(r.until).toBeNull();
    await expect(db.setGlobalTagEntry('frozen', 'test.energy-scale', 'scale-b')).rejects.toThrow(/global tag frozen is locked/);
    await expect(db.lockGlobalTag('frozen', { snapshot: 'now' })).rejects.toThrow(/already locked: its snapshot cannot change/);
    expect((await db.lockGlobalTag('frozen')).snapshot).toEqual(locked.snapshot);
    const provider = await db.provider({ globalTag: 'frozen' });
    expect((await provider.resolve(scaleRecord, runTime(120))).payload.y0PePerMeV).toBe(100);
    expect((await provider.resolve(scaleRecord, runTime(130))).payload.y0PePerMeV).toBe(100);
    expect(provider.misses).toBe(1);
    expect(provider.hits).toBe(1);
  });

  it('diffs two tags interval by interval and two global tags record by record', async () => {
    const d = await db.diffTags('scale-a', 'scale-b');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ since: runTime(150), until: runTime(200) });
    expect(d[0]!.left).not.toBe(d[0]!.right);
    expect(await db.diffTags('scale-a', 'scale-a')).toEqual([]);
    await db.createGlobalTag({ name: 'g1' });
    await db.createGlobalTag({ name: 'g2' });
    await db.setGlobalTagEntry('g1', 'test.energy-scale', 'scale-a');
    await db.setGlobalTagEntry('g2', 'test.energy-scale', 'scale-b');
    await db.setGlobalTagEntry('g2', 'test.lifetime', 'life-a');
    expect(await db.diffGlobalTags('g1', 'g2')).toEqual([
      { record: 'test.energy-scale', left: 'scale-a', right: 'scale-b' },
      { record: 'test.lifetime', left: null, right: 'life-a' },
    ]);
  });

  it('says which global tags use a tag or a payload', async () => {
    await db.createGlobalTag({ name: 'g1' });
    await db.createGlobalTag({ name: 'g2' });
    await db.setGlobalTagEntry('g1', 'test.energy-scale', 'scale-a');
    await db.setGlobalTagEntry('g2', 'test.energy-scale', 'scale-b');
    expect(await db.whoUses({ tag: 'scale-b' })).toEqual([{ globalTag: 'g2', record: 'test.energy-scale', tag: 'scale-b' }]);
    const only = (await db.resolve({ tag: 'scale-b', record: scaleRecord, at: runTime(160) })).hash;
    expect((await db.whoUses({ payload: only })).map((u) => u.globalTag)).toEqual(['g2']);
    const shared = (await db.resolve({ tag: 'scale-a', record: scaleRecord, at: runTime(1) })).hash;
    expect((await db.whoUses({ payload: shared })).map((u) => u.globalTag)).toEqual(['g1', 'g2']);
    await expect(db.whoUses({ payload: 'xyz' })).rejects.toThrow(/payload hash "xyz" is invalid/);
  });
});
