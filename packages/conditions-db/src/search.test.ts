import { runTime, ValidationError } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends, freshDb } from '../test/backends.js';
import { lifetimeRecord, provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

describeBackends('search', (backend) => {
  let db: ConditionsDb;
  let hash: string;
  beforeEach(async () => {
    db = await freshDb(backend);
    await db.registerRecord(scaleRecord);
    await db.registerRecord(lifetimeRecord);
    await db.createTag({ name: 'MC.Scale', record: 'test.energy-scale', timeType: 'run', description: 'Énergie: light yield' });
    await db.createTag({ name: 'data.lifetime', record: 'test.lifetime', timeType: 'run', description: 'purity monitor' });
    await db.createGlobalTag({ name: 'reco-2026', description: 'first pass with the new LIGHT yield' });
    hash = (await db.appendIov('MC.Scale', { since: runTime(1), payload: scale(1345), provenance })).hashes[0]!;
  });
  afterEach(async () => db.close());

  it('finds names and descriptions case-insensitively (Unicode too), the same on both engines', async () => {
    const { hits, more } = await db.search('light');
    expect(more).toBe(false);
    expect(hits).toEqual([
      { kind: 'tag', name: 'MC.Scale', field: 'description', text: 'Énergie: light yield', detail: 'test.energy-scale@1' },
      { kind: 'global-tag', name: 'reco-2026', field: 'description', text: 'first pass with the new LIGHT yield', detail: 'open' },
      { kind: 'record', name: 'test.energy-scale', version: 1, field: 'description', text: 'Test energy scale: light yield in PE/MeV', detail: '' },
    ]);
    expect((await db.search('mc.scale')).hits.map((h) => [h.kind, h.name, h.field])).toEqual([['tag', 'MC.Scale', 'name']]);
    expect((await db.search('éNERGIE')).hits.map((h) => h.name)).toEqual(['MC.Scale']);
    expect((await db.search('LIFETIME')).hits.map((h) => `${h.kind}:${h.name}`)).toEqual(['tag:data.lifetime', 'record:test.lifetime']);
    expect((await db.search('nothing-like-this')).hits).toEqual([]);
  });

  it('finds payloads by hash prefix (6+ hex digits), limits the hits and refuses empty text', async () => {
    const byHash = await db.search(hash.slice(0, 8).toUpperCase());
    expect(byHash.hits).toContainEqual({ kind: 'payload', name: hash, field: 'hash', text: hash, detail: 'test.energy-scale@1' });
    expect((await db.search(hash.slice(0, 5))).hits.filter((h) => h.kind === 'payload')).toEqual([]);
    const limited = await db.search('e', { limit: 2 });
    expect(limited.hits).toHaveLength(2);
    expect(limited.more).toBe(true);
    await expect(db.search('  ')).rejects.toBeInstanceOf(ValidationError);
    await expect(db.search('x', { limit: 0 })).rejects.toThrow(/limit 0 is invalid/);
  });
});
