import { ConflictError, PermissionError, runTime, ValidationError } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeBackends } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';
import { openConditionsDb } from './open.js';

/**
 * The permission model on a real PostgreSQL server: login roles opened as themselves, refused
 * by the database (grants, row-level security, triggers), not only by the package.
 */
describeBackends('identity and permissions', (backend) => {
  let db: ConditionsDb;
  let url: string;
  const opened: ConditionsDb[] = [];
  beforeEach(async () => {
    url = await backend.fresh();
    db = await openConditionsDb({ url, create: true, label: 'owner' });
    await db.registerRecord(scaleRecord);
  });
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
    await db.close();
  });

  if (backend.name === 'sqlite') {
    it('says that a SQLite file has no roles', async () => {
      await expect(db.grant('alice', 'reader')).rejects.toThrow(/SQLite file: its permissions are the file's/);
    });
    return;
  }

  /** A login role unique to this test database, opened as itself. */
  async function as(name: string): Promise<{ role: string; open: (label?: string) => Promise<ConditionsDb> }> {
    const dbName = new URL(url).pathname.slice(1);
    const role = `${dbName}_${name}`.slice(0, 63);
    await db.knex.raw(`CREATE ROLE ${role} LOGIN`);
    return {
      role,
      open: async (label?: string) => {
        const u = new URL(url);
        u.username = role;
        const d = await openConditionsDb({ url: u.toString(), ...(label ? { label } : {}) });
        opened.push(d);
        return d;
      },
    };
  }

  it('a reader reads and cannot write', async () => {
    await db.createTag({ name: 'calib.scale', record: 'test.energy-scale', timeType: 'run' });
    await db.appendIov('calib.scale', { since: runTime(1), payload: scale(1), provenance });
    const alice = await as('alice');
    await db.grant(alice.role, 'reader');
    const r = await alice.open();
    expect(r.identity).toBe(alice.role);
    expect((await r.resolve({ tag: 'calib.scale', record: scaleRecord, at: runTime(5) })).payload.y0PePerMeV).toBe(1);
    await expect(r.appendIov('calib.scale', { since: runTime(2), payload: scale(2), provenance })).rejects.toThrow(PermissionError);
    await expect(r.createTag({ name: 'calib.x', record: 'test.energy-scale', timeType: 'run' })).rejects.toThrow(PermissionError);
    await expect(r.createGlobalTag({ name: 'g' })).rejects.toThrow(PermissionError);
    expect((await db.listIovs('calib.scale')).items).toHaveLength(1);
  });

  it('a writer writes only inside its tag prefixes, cannot touch global tags, and cannot forge its identity or stamps', async () => {
    await db.createTag({ name: 'other.scale', record: 'test.energy-scale', timeType: 'run' });
    await db.createGlobalTag({ name: 'reco' });
    const bob = await as('bob');
    expect(await db.grant(bob.role, 'writer', { tagPrefixes: ['calib.'] })).toEqual({ role: bob.role, level: 'writer', tagPrefixes: ['calib.'] });
    const w = await bob.open('mallory\nforged line');
    await w.createTag({ name: 'calib.scale', record: 'test.energy-scale', timeType: 'run' });
    await w.appendIov('calib.scale', { since: runTime(1), payload: scale(1), provenance });
    await w.lockTag('calib.scale');
    await expect(w.createTag({ name: 'other.x', record: 'test.energy-scale', timeType: 'run' })).rejects.toThrow(PermissionError);
    await expect(w.appendIov('other.scale', { since: runTime(1), payload: scale(1), provenance })).rejects.toThrow(PermissionError);
    await expect(w.lockTag('other.scale')).rejects.toThrow(PermissionError);
    await expect(w.lockGlobalTag('reco', { snapshot: 'now' })).rejects.toThrow(PermissionError);
    await expect(w.setGlobalTagEntry('reco', 'test.energy-scale', 'calib.scale')).rejects.toThrow(PermissionError);
    const log = await db.auditLog({ limit: 3 });
    expect(log.map((e) => [e.action, e.actor, e.label])).toEqual([
      ['tag.lock', bob.role, 'mallory forged line'],
      ['iov.append', bob.role, 'mallory forged line'],
      ['tag.create', bob.role, 'mallory forged line'],
    ]);
    // Raw SQL with the writer's own connection: the database itself refuses.
    await w.knex('audit_log').insert({ at: 1, actor: 'someone-else', action: 'x', target: 'y', details: '{}' });
    expect((await db.auditLog({ limit: 1 }))[0]!.actor).toBe(bob.role);
    await expect(w.knex.raw("UPDATE tags SET state = 'open' WHERE name = 'calib.scale'")).rejects.toThrow(/locked|permission/);
    await expect(w.knex.raw('DELETE FROM iovs')).rejects.toThrow(/permission denied/);
    await expect(w.knex.raw('DELETE FROM tag_rights')).rejects.toThrow(/permission denied/);
    await w.createTag({ name: 'calib.two', record: 'test.energy-scale', timeType: 'run' });
    const tagId = (await w.knex('tags').where({ name: 'calib.two' }).first()).id;
    const hash = (await w.knex('payloads').first()).hash;
    await expect(w.knex('iovs').insert({ tag_id: tagId, since: '5', payload_hash: hash, inserted_at: 1 })).rejects.toThrow(/insertion stamps come from the database/);
  });

  it('an admin manages global tags; grants are listed and replaced', async () => {
    const carol = await as('carol');
    const bob = await as('bob');
    await db.grant(carol.role, 'admin');
    await db.grant(bob.role, 'writer');
    await db.grant(bob.role, 'reader');
    expect((await db.listGrants()).map((g) => [g.role, g.level])).toEqual([[carol.role, 'admin'], [bob.role, 'reader']]);
    const a = await carol.open();
    await a.createTag({ name: 'anything', record: 'test.energy-scale', timeType: 'run' });
    await a.createGlobalTag({ name: 'reco' });
    await a.setGlobalTagEntry('reco', 'test.energy-scale', 'anything');
    await a.lockGlobalTag('reco', { snapshot: 'now' });
    await expect(a.lockGlobalTag('reco', { snapshot: 'now' })).rejects.toThrow(ConflictError);
    await expect(db.grant('no_such_role_xyz', 'reader')).rejects.toThrow(/role no_such_role_xyz does not exist/);
    await expect(db.grant(bob.role, 'reader', { tagPrefixes: ['x'] })).rejects.toThrow(ValidationError);
  });
});
