import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { nucal, tempDir, type PreparedDb } from '../cli.test-support.js';
import { describeEngines } from './db-engines.test-support.js';

describeEngines('nucal db tag clone', (prepare) => {
  let p: PreparedDb;
  let db: string[];
  beforeAll(async () => {
    p = await prepare();
    db = ['--db', p.db];
  });
  const iovs = async (tag: string, where = db) => JSON.parse((await nucal('db', 'iov', 'list', tag, '--json', ...where)).out).items.map((i: { since: { text: string }; hash: string }) => [i.since.text, i.hash]);

  it('copies a locked tag as a new open tag in the same database, with the same effective IOVs', async () => {
    const r = await nucal('db', 'tag', 'clone', '--from', 'frozen-tag', '--to', 'frozen-fix', ...db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('cloned tag frozen-tag to frozen-fix: 1 IOV row(s), 0 new payload(s), 0 new record type(s)');
    expect(await iovs('frozen-fix')).toEqual(await iovs('frozen-tag'));
    const t = JSON.parse((await nucal('db', 'tag', 'show', 'frozen-fix', '--json', ...db)).out);
    expect(t).toMatchObject({ state: 'open', description: 'clone of frozen-tag', iovCount: 1 });
    expect((await nucal('db', 'iov', 'append', 'frozen-fix', '--since', '2', '--payload', '{"y0PePerMeV": 999}', ...db)).code).toBe(0);
    expect(JSON.parse((await nucal('db', 'log', '--limit', '2', '--json', ...db)).out)[1]).toMatchObject({ action: 'tag.clone', target: 'frozen-fix' });
  });

  it('clones into another database (--target-db) with the record and payloads, --dry-run writing nothing', async () => {
    const other = ['--db', join(tempDir('nucal-clone-'), 'other.sqlite')];
    expect((await nucal('db', 'init', ...other)).code).toBe(0);
    const dry = await nucal('db', 'tag', 'clone', '--from', 'scale-run', '--to', 'scale-run', '--target-db', other[1]!, '--dry-run', ...db);
    expect(dry.out).toMatch(/^dry run: would clone tag scale-run to scale-run in .*other\.sqlite: 2 IOV row\(s\), 2 new payload\(s\), 1 new record type\(s\)$/);
    expect(JSON.parse((await nucal('db', 'tag', 'list', '--json', ...other)).out)).toEqual([]);
    const real = JSON.parse((await nucal('db', 'tag', 'clone', '--from', 'scale-run', '--to', 'scale-run', '--target-db', other[1]!, '--json', ...db)).out);
    expect(real).toMatchObject({ from: 'scale-run', to: 'scale-run', dryRun: false, records: 1, payloads: 2, tags: 1, iovs: 2, history: false });
    expect(await iovs('scale-run', other)).toEqual(await iovs('scale-run'));
    const again = await nucal('db', 'tag', 'clone', '--from', 'scale-run', '--to', 'scale-run', '--target-db', other[1]!, ...db);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^error: tag scale-run already exists in .*other\.sqlite: choose a new name$/);
  });

  it('refuses an existing target tag, an unknown source and a missing target database in one line, writing nothing', async () => {
    const before = (await nucal('db', 'log', '--limit', '1', '--json', ...db)).out;
    const taken = await nucal('db', 'tag', 'clone', '--from', 'scale-run', '--to', 'scale-ts', ...db);
    expect(taken).toMatchObject({ code: 1, out: '' });
    expect(taken.err).toMatch(/^error: tag scale-ts already exists in .*: choose a new name$/);
    expect((await nucal('db', 'tag', 'clone', '--from', 'nope', '--to', 'x', ...db)).err).toBe('error: tag nope does not exist');
    const missing = await nucal('db', 'tag', 'clone', '--from', 'scale-run', '--to', 'x', '--target-db', join(p.dir, 'missing.sqlite'), ...db);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: database file .*missing\.sqlite does not exist/);
    expect((await nucal('db', 'tag', 'clone', '--from', 'scale-run', '--to', 'bad name', ...db)).err).toMatch(/^error: new tag name "bad name" is invalid/);
    expect((await nucal('db', 'log', '--limit', '1', '--json', ...db)).out).toBe(before);
  });
});
