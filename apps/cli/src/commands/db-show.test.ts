import { beforeAll, expect, it } from 'vitest';
import { nucal, type PreparedDb } from '../cli.test-support.js';
import { describeEngines } from './db-engines.test-support.js';

describeEngines('nucal db payload/tag/record show', (prepare) => {
  let p: PreparedDb;
  let db: string[];
  let hash: string;
  beforeAll(async () => {
    p = await prepare();
    db = ['--db', p.db];
    hash = JSON.parse((await nucal('db', 'resolve', '--tag', 'scale-run', '--record', 'demo.scale', '--at', '150', '--json', ...db)).out).hash;
  });

  it('payload show: by a 6-digit prefix or the full hash, with record, size, creation, provenance and content', async () => {
    const r = await nucal('db', 'payload', 'show', hash.slice(0, 6), '--json', ...db);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ hash, record: { name: 'demo.scale', version: 1 }, sizeBytes: '{"y0PePerMeV":1345}'.length, payload: { y0PePerMeV: 1345 } });
    expect(j.provenance).toMatchObject({ plugin: { id: 'nucal.cli' } });
    expect(Date.parse(j.createdAt)).toBeGreaterThan(Date.parse('2026-01-01'));
    const human = await nucal('db', 'payload', 'show', hash.toUpperCase(), ...db);
    expect(human.out).toMatch(new RegExp(`^payload ${hash}\\n  record      demo.scale@1\\n  size        19 bytes`));
    expect(human.out).toMatch(/"y0PePerMeV": 1345\n?}$/);
  });

  it('payload show: refuses a short, non-hex or unknown prefix in one line', async () => {
    expect(await nucal('db', 'payload', 'show', hash.slice(0, 5), ...db)).toMatchObject({ code: 1, out: '', err: `error: payload prefix "${hash.slice(0, 5)}" is too short: expected at least 6 hex digits` });
    expect((await nucal('db', 'payload', 'show', 'zzzzzzzz', ...db)).err).toBe('error: payload prefix "zzzzzzzz" is invalid: expected 6 to 64 hex digits');
    const absent = hash.startsWith('000000') ? 'ffffff' : '000000';
    const none = await nucal('db', 'payload', 'show', absent, '--json', ...db);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.err)).toEqual({ error: { code: 'NOT_FOUND', message: `no payload hash starts with ${absent}` } });
  });

  it('tag show: record, time type, lock, description, IOV count, first/last since, global tags', async () => {
    const j = JSON.parse((await nucal('db', 'tag', 'show', 'scale-run', '--json', ...db)).out);
    expect(j).toMatchObject({ name: 'scale-run', record: { name: 'demo.scale', version: 1 }, timeType: 'run', state: 'open', iovCount: 2, rowCount: 2, globalTags: [{ globalTag: 'reco', record: 'demo.scale', tag: 'scale-run' }] });
    expect(j.firstSince).toEqual({ kind: 'run', run: '100', subrun: '0', text: '100' });
    expect(j.lastSince).toEqual({ kind: 'run', run: '200', subrun: '5', text: '200:5' });
    const frozen = await nucal('db', 'tag', 'show', 'frozen-tag', ...db);
    expect(frozen.out).toMatch(/^tag frozen-tag\n  record       demo\.scale@1\n  time type    run\n  state        locked \(locked \d{4}-/);
    expect(frozen.out).toMatch(/IOVs         1 \(1 row\(s\) with superseded ones\)/);
    expect(frozen.out).toMatch(/global tags  none$/);
    expect((await nucal('db', 'tag', 'show', 'scale-ts', ...db)).out).toMatch(/first since  2026-11-24T00:00:00\.000000001Z \(1795478400000000001 ns\)/);
    expect(await nucal('db', 'tag', 'show', 'nope', ...db)).toMatchObject({ code: 1, out: '', err: 'error: tag nope does not exist' });
  });

  it('record show: versions with schema and description, and the tags of the record', async () => {
    const j = JSON.parse((await nucal('db', 'record', 'show', 'demo.scale', '--json', ...db)).out);
    expect(j.name).toBe('demo.scale');
    expect(j.versions).toHaveLength(1);
    expect(j.versions[0]).toMatchObject({ version: 1, description: 'light yield, PE/MeV', jsonSchema: { required: ['y0PePerMeV'] } });
    expect(j.tags.map((t: { name: string }) => t.name)).toEqual(['frozen-tag', 'scale-run', 'scale-ts']);
    const human = (await nucal('db', 'record', 'show', 'demo.scale', ...db)).out;
    expect(human).toMatch(/^record demo\.scale\n  version 1 \(registered .*\): light yield, PE\/MeV\n  schema  \{/);
    expect(await nucal('db', 'record', 'show', 'demo.nothing', ...db)).toMatchObject({ code: 1, err: 'error: record demo.nothing is not registered (nucal db record list shows the registered ones)' });
    expect((await nucal('db', 'record', 'show', 'demo.scale', '--record-version', '2', ...db)).err).toBe('error: record demo.scale@2 is not registered (nucal db record list shows the registered ones)');
    expect((await nucal('db', 'record', 'show', 'Bad Name', ...db)).err).toMatch(/^error: record name "Bad Name" is invalid: expected lower-case words joined by dots/);
  });
});
