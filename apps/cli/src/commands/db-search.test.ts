import { beforeAll, expect, it } from 'vitest';
import { nucal, type PreparedDb } from '../cli.test-support.js';
import { describeEngines } from './db-engines.test-support.js';

describeEngines('nucal db search and --format', (prepare) => {
  let p: PreparedDb;
  let db: string[];
  beforeAll(async () => {
    p = await prepare();
    db = ['--db', p.db];
    expect((await nucal('db', 'tag', 'create', 'q-tag', '--record', 'demo.scale', '--time-type', 'run', '--description', 'says "hi", then\nleaves', ...db)).code).toBe(0);
  });

  it('finds tags, global tags and records by name or description, case-insensitively', async () => {
    const j = JSON.parse((await nucal('db', 'search', 'FIRST PASS', '--json', ...db)).out);
    expect(j).toEqual({ query: 'FIRST PASS', hits: [{ kind: 'global-tag', name: 'reco', field: 'description', text: 'first pass', detail: 'locked' }], more: false });
    const names = async (text: string) => JSON.parse((await nucal('db', 'search', text, '--json', ...db)).out).hits.map((h: { kind: string; name: string }) => `${h.kind}:${h.name}`);
    expect(await names('SCALE-')).toEqual(['tag:scale-run', 'tag:scale-ts']);
    expect(await names('Demo.Scale')).toEqual(['record:demo.scale']);
    const human = await nucal('db', 'search', 'light yield', ...db);
    expect(human.out).toBe(['kind    name          field        text                 detail', 'record  demo.scale@1  description  light yield, PE/MeV'].join('\n'));
    expect((await nucal('db', 'search', 'no-such-thing', ...db)).out).toBe('nothing matches "no-such-thing"');
  });

  it('finds a payload by a hash prefix and limits the hits', async () => {
    const hash = JSON.parse((await nucal('db', 'resolve', '--tag', 'scale-run', '--record', 'demo.scale', '--at', '150', '--json', ...db)).out).hash as string;
    const j = JSON.parse((await nucal('db', 'search', hash.slice(0, 7), '--json', ...db)).out);
    expect(j.hits).toContainEqual({ kind: 'payload', name: hash, field: 'hash', text: hash, detail: 'demo.scale@1' });
    const limited = await nucal('db', 'search', 'e', '--limit', '2', ...db);
    expect(limited.out.split('\n')).toHaveLength(4);
    expect(limited.out).toMatch(/\nmore hits than 2: raise --limit$/);
    expect(await nucal('db', 'search', ' ', ...db)).toMatchObject({ code: 1, out: '', err: 'error: search text is empty: expected a word to look for' });
  });

  it('--format csv: a header row and RFC 4180 quoting, complete values; --format json is --json', async () => {
    const csv = await nucal('db', 'tag', 'list', '--format', 'csv', ...db);
    expect(csv.code, csv.err).toBe(0);
    const lines = csv.out.split('\r\n');
    expect(lines[0]).toBe('tag,record,time,state,backfill,description');
    expect(lines).toContain('frozen-tag,demo.scale@1,run,locked,no,');
    expect(csv.out).toContain('q-tag,demo.scale@1,run,open,no,"says ""hi"", then\nleaves"\r\n');
    expect(csv.out.endsWith('\r\n')).toBe(true);
    const iovCsv = (await nucal('db', 'iov', 'list', 'scale-ts', '--format', 'csv', ...db)).out.split('\r\n');
    expect(iovCsv[0]).toBe('since,until,payload,inserted');
    expect(iovCsv[1]).toMatch(/^2026-11-24T00:00:00\.000000001Z,,[0-9a-f]{64},\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    const runCsv = (await nucal('db', 'iov', 'list', 'scale-run', '--format', 'csv', '--limit', '1', ...db));
    expect(runCsv.out.split('\r\n')[1]).toMatch(/^100,200:5,[0-9a-f]{64},/);
    expect(runCsv.err).toMatch(/^more: --cursor \d+$/);
    for (const cmd of [['tag', 'list'], ['gt', 'list'], ['record', 'list'], ['iov', 'list', 'scale-run'], ['log'], ['search', 'scale']]) {
      const asFormat = await nucal('db', ...cmd, '--format', 'json', ...db);
      expect(asFormat.code, `${cmd.join(' ')}: ${asFormat.err}`).toBe(0);
      const asJson = await nucal('db', ...cmd, '--json', ...db);
      if (cmd[0] !== 'log') expect(JSON.parse(asFormat.out)).toEqual(JSON.parse(asJson.out));
      expect((await nucal('db', ...cmd, '--format', 'csv', ...db)).out.split('\r\n')[0]).toMatch(/^[a-z ]+(,[a-z ]+)+$/);
    }
    const gtCsv = (await nucal('db', 'gt', 'list', '--format', 'csv', ...db)).out.split('\r\n');
    expect(gtCsv[0]).toBe('global tag,state,snapshot,records,description');
    expect(gtCsv).toContain('draft,open,,1,');
  });

  it('refuses --json with --format csv and an unknown format; errors of --format json runs are JSON', async () => {
    expect(await nucal('db', 'tag', 'list', '--json', '--format', 'csv', ...db)).toMatchObject({ code: 1, out: '', err: '{"error":{"code":"VALIDATION","message":"--json is --format json: it cannot be combined with --format csv"}}' });
    const bad = await nucal('db', 'tag', 'list', '--format', 'xml', ...db);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv\./);
    const err = await nucal('db', 'iov', 'list', 'nope', '--format', 'json', ...db);
    expect(err.code).toBe(1);
    expect(JSON.parse(err.err)).toEqual({ error: { code: 'NOT_FOUND', message: 'tag nope does not exist' } });
    const usage = await nucal('db', 'tag', 'list', '--format=json', '--bogus', ...db);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.err).error.code).toBe('USAGE');
  });
});
