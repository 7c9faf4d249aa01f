import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshPostgres, nucal, tempDir } from '../cli.test-support.js';

describe('nucal db', () => {
  let dir: string;
  let db: string[];
  beforeEach(() => {
    dir = tempDir('nucal-cli-');
    db = ['--db', join(dir, 'c.sqlite')];
  });

  it('walks the README example: tags, IOVs by run and timestamp, global tag, lock, resolve, export', async () => {
    writeFileSync(join(dir, 'scale.json'), JSON.stringify({ type: 'object', properties: { y0PePerMeV: { type: 'number', exclusiveMinimum: 0 } }, required: ['y0PePerMeV'] }));
    expect((await nucal('db', 'init', ...db)).code).toBe(0);
    expect((await nucal('db', 'record', 'register', '--name', 'demo.scale', '--schema', join(dir, 'scale.json'), ...db)).code).toBe(0);
    expect((await nucal('db', 'tag', 'create', 'scale-run', '--record', 'demo.scale', '--time-type', 'run', ...db)).code).toBe(0);
    expect((await nucal('db', 'tag', 'create', 'scale-ts', '--record', 'demo.scale', '--time-type', 'timestamp', ...db)).code).toBe(0);
    writeFileSync(join(dir, 'iovs.jsonl'), ['{"since": "100", "payload": {"y0PePerMeV": 1345}}', '{"since": "200:5", "payload": {"y0PePerMeV": 1350}}'].join('\n'));
    expect((await nucal('db', 'iov', 'append', 'scale-run', '--file', join(dir, 'iovs.jsonl'), ...db)).out).toMatch(/2 IOV\(s\) appended/);
    expect((await nucal('db', 'iov', 'append', 'scale-ts', '--since', '2026-11-24T00:00:00.000000001Z', '--payload', '{"y0PePerMeV": 1340}', ...db)).code).toBe(0);
    expect((await nucal('db', 'gt', 'create', 'reco-2026', '--description', 'first pass', ...db)).code).toBe(0);
    expect((await nucal('db', 'gt', 'set', 'reco-2026', 'demo.scale', 'scale-run', ...db)).code).toBe(0);
    expect((await nucal('db', 'gt', 'lock', 'reco-2026', '--snapshot', 'now', ...db)).out).toMatch(/locked global tag reco-2026 with snapshot/);

    const byRun = await nucal('db', 'resolve', '--gt', 'reco-2026', '--record', 'demo.scale', '--at', '200:7', '--json', ...db);
    expect(byRun.code).toBe(0);
    const r = JSON.parse(byRun.out);
    expect(r.payload).toEqual({ y0PePerMeV: 1350 });
    expect(r.since).toEqual({ kind: 'run', run: '200', subrun: '5', text: '200:5' });
    expect(r.until).toBeNull();

    const byTs = JSON.parse((await nucal('db', 'resolve', '--tag', 'scale-ts', '--record', 'demo.scale', '--at', '1795478400000000001', '--json', ...db)).out);
    expect(byTs.since).toEqual({ kind: 'timestamp', ns: '1795478400000000001', text: '2026-11-24T00:00:00.000000001Z' });
    const before = await nucal('db', 'resolve', '--tag', 'scale-ts', '--record', 'demo.scale', '--at', '2026-11-24T00:00:00Z', ...db);
    expect(before.code).toBe(1);
    expect(before.err).toMatch(/^error: no IOV of tag scale-ts covers 1795478400000000000/);

    const exportFile = join(dir, 'reco.sqlite');
    expect((await nucal('db', 'export', 'reco-2026', exportFile, ...db)).out).toMatch(/1 tag\(s\), 2 IOV row\(s\), 2 payload\(s\)/);
    const fromExport = JSON.parse((await nucal('db', 'resolve', '--gt', 'reco-2026', '--record', 'demo.scale', '--at', '150', '--json', '--db', exportFile)).out);
    expect(fromExport.payload).toEqual({ y0PePerMeV: 1345 });
    expect(fromExport.until).toEqual({ kind: 'run', run: '200', subrun: '5', text: '200:5' });

    const log = JSON.parse((await nucal('db', 'log', '--json', ...db)).out);
    expect(log[0].action).toBe('gt.lock');
    expect(log.map((e: { action: string }) => e.action)).toContain('iov.append');
  });

  it('refuses bad input with one clear line and a non-zero exit code, writing nothing', async () => {
    await nucal('db', 'init', ...db);
    const bad = await nucal('db', 'tag', 'create', 'x', '--record', 'nope.nothing', '--time-type', 'run', ...db);
    expect(bad).toMatchObject({ code: 1, err: 'error: record nope.nothing is not registered: register it before creating tag x' });
    const usage = await nucal('db', 'tag', 'create', 'x', '--record', 'a.b', '--time-type', 'weekly', ...db);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/argument 'weekly' is invalid/);
    const json = await nucal('db', 'iov', 'append', 'x', '--since', '1', '--payload', '{oops', ...db);
    expect(json.code).toBe(1);
    expect(json.err).toMatch(/tag x does not exist|not valid JSON/);
    expect(JSON.parse((await nucal('db', 'tag', 'list', '--json', ...db)).out)).toEqual([]);
    expect((await nucal('db', 'log', '--json', ...db)).out).not.toMatch(/tag\.create/);
  });

  it('imports with --dry-run listing what would change and writing nothing, then for real', async () => {
    writeFileSync(join(dir, 'scale.json'), JSON.stringify({ type: 'object', properties: { y0PePerMeV: { type: 'number' } }, required: ['y0PePerMeV'] }));
    for (const argv of [
      ['db', 'init'], ['db', 'record', 'register', '--name', 'demo.scale', '--schema', join(dir, 'scale.json')],
      ['db', 'tag', 'create', 's', '--record', 'demo.scale', '--time-type', 'run'], ['db', 'iov', 'append', 's', '--since', '1', '--payload', '{"y0PePerMeV": 1}'],
      ['db', 'gt', 'create', 'g'], ['db', 'gt', 'set', 'g', 'demo.scale', 's'], ['db', 'gt', 'lock', 'g', '--snapshot', 'now'], ['db', 'export', 'g', join(dir, 'g.sqlite')],
    ]) expect((await nucal(...argv, ...db)).code).toBe(0);
    const other = ['--db', join(dir, 'other.sqlite')];
    expect((await nucal('db', 'init', ...other)).code).toBe(0);
    const dry = await nucal('db', 'import', join(dir, 'g.sqlite'), '--dry-run', ...other);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/^dry run of import .*would add 1 global tag\(s\), 1 tag\(s\), 1 IOV row\(s\)/);
    expect(dry.out).toMatch(/create-tag s \(1\): demo\.scale@1, run/);
    expect(JSON.parse((await nucal('db', 'tag', 'list', '--json', ...other)).out)).toEqual([]);
    const real = JSON.parse((await nucal('db', 'import', join(dir, 'g.sqlite'), '--json', ...other)).out);
    expect(real).toMatchObject({ dryRun: false, tags: 1, iovs: 1, globalTags: 1 });
    const log = JSON.parse((await nucal('db', 'log', '--json', ...other)).out);
    expect(log[0]).toMatchObject({ action: 'import' });
  });

  it('grant is for PostgreSQL: on a SQLite file it says so in one line', async () => {
    await nucal('db', 'init', ...db);
    const r = await nucal('db', 'grant', 'alice', '--level', 'reader', ...db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: database .* is a SQLite file: its permissions are the file's; roles and grants are for PostgreSQL/);
  });

  const pgAdmin = process.env.NUCAL_TEST_PG_URL;
  it.runIf(pgAdmin !== undefined || process.env.CI)('grants a writer its tag prefixes on PostgreSQL and lists the grants', async () => {
    if (!pgAdmin) throw new Error('NUCAL_TEST_PG_URL is not set: CI must run the PostgreSQL CLI tests');
    const url = await freshPostgres(pgAdmin);
    const pg = ['--db', url];
    expect((await nucal('db', 'init', ...pg)).code).toBe(0);
    const role = `${new URL(url).pathname.slice(1)}_bot`;
    const { default: knexFactory } = await import('knex');
    const k = knexFactory({ client: 'pg', connection: url });
    await k.raw(`CREATE ROLE ${role} LOGIN`);
    await k.destroy();
    const g = await nucal('db', 'grant', role, '--level', 'writer', '--tag-prefix', 'calib.', 'mc-', ...pg);
    expect(g.code, g.err).toBe(0);
    expect(g.out).toBe(`granted writer to ${role} on tags calib.*, mc-*`);
    expect(JSON.parse((await nucal('db', 'grants', '--json', ...pg)).out)).toEqual([{ role, level: 'writer', tagPrefixes: ['calib.', 'mc-'] }]);
    const asBot = new URL(url);
    asBot.username = role;
    const refused = await nucal('db', 'gt', 'create', 'reco', '--db', asBot.toString());
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: .*permission denied/);
  });
});
