import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openConditionsDb } from '@nucal/conditions-db';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleDuring, nucal, prepareDb, STACK_PATTERN, tempDir, type PreparedDb } from './cli.test-support.js';
import { runCaptured } from './program.js';

// Examples of each CLI-safety defect of issue 10 item 7; cli.fuzz.test.ts checks the same
// properties on thousands of random command lines.

const SECRET = 'hunter22secret';
const UNREACHABLE = `postgres://calib:${SECRET}@127.0.0.1:1/conditions`;

/** Runs the CLI and also collects anything libraries printed to the console by themselves. */
async function run(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const { result, stdout, stderr } = await consoleDuring(() => runCaptured(argv, env));
  return { ...result, console: [...stdout, ...stderr] };
}

/** A failure: exit code, exactly one line on stderr, nothing on stdout or the console, no stack, no password. */
function expectOneLineFailure(r: Awaited<ReturnType<typeof run>>, code = 1): string {
  expect(r.code, r.err).toBe(code);
  expect(r.out).toBe('');
  expect(r.console).toEqual([]);
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(STACK_PATTERN);
  expect(r.err).not.toContain(SECRET);
  return r.err;
}

let p: PreparedDb;
beforeAll(async () => {
  p = await prepareDb();
});

const savedEnv = { ...process.env };
afterEach(() => {
  for (const k of ['NUCAL_DB', 'NUCAL_BUSY_TIMEOUT_MS', 'NUCAL_DEBUG', 'TZ']) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

describe('passwords are never printed', () => {
  it('--help shows NUCAL_DB redacted, read when the command runs (not when the module was loaded)', async () => {
    process.env.NUCAL_DB = UNREACHABLE;
    for (const argv of [['db', 'tag', 'list', '--help'], ['db', 'init', '--help'], ['juno', 'nonlinearity', '--help'], ['dune', 'cosmics', '--help']]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).not.toContain(SECRET);
      expect(r.out.replace(/\s+/g, ' ')).toContain('(default: "postgres://calib:***@127.0.0.1:1/conditions" from NUCAL_DB)');
    }
    delete process.env.NUCAL_DB;
    expect((await run(['db', 'tag', 'list', '--help'])).out.replace(/\s+/g, ' ')).toContain('(default: "./nucal.sqlite")');
  });

  it('error messages name the database with its password redacted', async () => {
    const err = expectOneLineFailure(await run(['db', 'tag', 'list', '--db', UNREACHABLE]));
    expect(err).toContain('postgres://calib:***@127.0.0.1:1/conditions');
    const scheme = expectOneLineFailure(await run(['db', 'tag', 'list', '--db', `mysql://calib:${SECRET}@127.0.0.1/x`]));
    expect(scheme).toMatch(/unsupported scheme/);
  });
});

describe('database errors: one line with the right advice', () => {
  it('an unreachable server: no knex stack, advice about host and port, not "db init"', async () => {
    const err = expectOneLineFailure(await run(['db', 'tag', 'list', '--db', UNREACHABLE]));
    expect(err).toMatch(/^error: .*unreachable.*; check the host and port in --db \(or NUCAL_DB\) and that the server is running$/);
    expect(err).not.toMatch(/db init/);
  });

  it('with --json: nothing on stdout, one JSON object on stderr', async () => {
    const r = await run(['db', 'tag', 'list', '--json', '--db', UNREACHABLE]);
    const err = expectOneLineFailure(r);
    expect(JSON.parse(err)).toMatchObject({ error: { code: 'DATABASE', reason: 'unreachable', advice: expect.stringMatching(/host and port/) } });
  });

  it('a usage error with --json is JSON too, even when commander cannot parse the line', async () => {
    const r = await run(['db', 'tag', 'list', '--jsno', '--json']);
    expect(JSON.parse(expectOneLineFailure(r, 2))).toEqual({
      error: { code: 'USAGE', message: "unknown option '--jsno' (Did you mean --json?)", advice: 'run "nucal db tag list --help" for usage' },
    });
    expect(expectOneLineFailure(await run(['db']), 2)).toMatch(/^error: missing command: "nucal db" needs one of init, record, tag, .*; run "nucal db --help" for usage$/);
  });

  it('writing to an exported (read-only) file is refused in one line', async () => {
    const before = readFileSync(p.exported);
    const err = expectOneLineFailure(await run(['db', 'tag', 'create', 'x', '--record', 'demo.scale', '--time-type', 'run', '--db', p.exported]));
    expect(err).toMatch(/read-only/);
    expect(readFileSync(p.exported).equals(before)).toBe(true);
  });
});

describe('only db init creates a database', () => {
  it('a mistyped --db on a write command creates nothing and says how to create it', async () => {
    const dir = tempDir('nucal-cli-typo-');
    const typo = join(dir, 'c.sqlit');
    const writes = [
      ['db', 'iov', 'append', 'scale-run', '--since', '300', '--payload', '{"y0PePerMeV": 1}'],
      ['db', 'tag', 'create', 'x', '--record', 'demo.scale', '--time-type', 'run'],
      ['db', 'gt', 'create', 'g'],
      ['db', 'record', 'register', '--name', 'demo.other', '--schema', p.schema],
      ['db', 'import', p.exported],
      ['db', 'tag', 'list'],
    ];
    for (const argv of writes) {
      const err = expectOneLineFailure(await run([...argv, '--db', typo]));
      expect(err).toBe(`error: database file ${typo} does not exist; run "nucal db init --db ${typo}" to create it`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('calibrations need an initialised --db, checked before the simulation, and NUCAL_DB is their default', async () => {
    const dir = tempDir('nucal-cli-typo-');
    const typo = join(dir, 'missing.sqlite');
    const t0 = performance.now();
    expect(expectOneLineFailure(await run(['juno', 'nonlinearity', '--db', typo]))).toMatch(/does not exist; run "nucal db init/);
    expect(expectOneLineFailure(await run(['dune', 'cosmics', '--json', '--db', typo]))).toMatch(/"reason":"missing"/);
    // an empty --db is a wrong database, not "write nowhere" (found by the fuzz test: it ran a whole calibration)
    expect(expectOneLineFailure(await run(['juno', 'nonlinearity', '--db', '']))).toMatch(/database "" is empty/);
    expect(expectOneLineFailure(await run(['dune', 'cosmics', '--db', ' ']))).toMatch(/is empty/);
    process.env.NUCAL_DB = typo;
    expect(expectOneLineFailure(await run(['dune', 'cosmics']))).toContain(`database file ${typo} does not exist`);
    expect(expectOneLineFailure(await run(['juno', 'nonlinearity']))).toContain(`database file ${typo} does not exist`);
    expect(performance.now() - t0).toBeLessThan(10_000); // no simulation ran
    expect(readdirSync(dir)).toEqual([]);
    // --no-db: nothing is written, NUCAL_DB is not even opened
    const r = await run(['dune', 'cosmics', '--no-db', '--days', '1', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).runs[0].written).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('NUCAL_DB is the default of the db commands', async () => {
    process.env.NUCAL_DB = p.db;
    const r = await run(['db', 'tag', 'list', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).map((t: { name: string }) => t.name).sort()).toEqual(['frozen-tag', 'scale-run', 'scale-ts']);
  });
});

describe('nucal demo never deletes what it did not make', () => {
  it('refuses an existing --db or --export that is not its own, changing nothing', async () => {
    const dir = tempDir('nucal-cli-demo-');
    const precious = join(dir, 'thesis.sqlite');
    writeFileSync(precious, 'four years of work');
    const fresh = join(dir, 'fresh.sqlite');
    expect(expectOneLineFailure(await run(['demo', '--db', precious, '--export', join(dir, 'e.sqlite')]))).toBe(
      `error: --db ${precious} exists and is not a database made by nucal demo: refusing to delete it (choose another --db path, or remove the file yourself)`,
    );
    expect(expectOneLineFailure(await run(['demo', '--db', fresh, '--export', precious]))).toMatch(/--export .*thesis\.sqlite exists and is not an export made by nucal demo/);
    // a real nucal database is not the demo's either
    const before = readFileSync(p.db);
    expect(expectOneLineFailure(await run(['demo', '--db', p.db, '--export', join(dir, 'e.sqlite')]))).toMatch(/is not a database made by nucal demo/);
    expect(readFileSync(p.db).equals(before)).toBe(true);
    expect(readFileSync(precious, 'utf8')).toBe('four years of work');
    expect(readdirSync(dir)).toEqual(['thesis.sqlite']);
    expect(expectOneLineFailure(await run(['demo', '--db', UNREACHABLE]))).toMatch(/is a URL: nucal demo runs on SQLite files/);
  });
});

describe('a busy database', () => {
  it('waits with one "waiting:" line, then fails in one line after NUCAL_BUSY_TIMEOUT_MS (JSON: only the error object)', async () => {
    const holder = await openConditionsDb({ url: p.db });
    const trx = await holder.knex.transaction();
    try {
      // a write inside an open transaction: this connection holds the file's write lock
      await trx.raw("UPDATE nucal_meta SET value = value WHERE key = 'schema_version'");
      const env = { ...process.env, NUCAL_BUSY_TIMEOUT_MS: '1500' };
      const argv = ['db', 'tag', 'create', 'late', '--record', 'demo.scale', '--time-type', 'run', '--db', p.db];
      const t0 = performance.now();
      const r = await run(argv, env);
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.console).toEqual([]);
      const lines = r.err.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^waiting: /);
      expect(lines[1]).toMatch(/^error: .*busy.*; another writer holds the database: try again/);
      expect(r.err).not.toMatch(/knex|migrat|\n\s+at /i);

      const j = await run([...argv, '--json'], env);
      expect(j.code).toBe(1);
      expect(j.err.split('\n')).toHaveLength(1);
      expect(JSON.parse(j.err)).toMatchObject({ error: { code: 'DATABASE', reason: 'busy' } });
    } finally {
      await trx.rollback();
      await holder.close();
    }
    expect((await nucal('db', 'tag', 'list', '--json', '--db', p.db)).out).not.toContain('late');
  });

  it('refuses an unusable NUCAL_BUSY_TIMEOUT_MS', async () => {
    const r = await run(['db', 'tag', 'list', '--db', p.db], { ...process.env, NUCAL_BUSY_TIMEOUT_MS: 'soon' });
    expect(expectOneLineFailure(r)).toBe('error: NUCAL_BUSY_TIMEOUT_MS "soon" is invalid: expected an integer number of milliseconds 0..86400000');
  });
});

describe('payloads and input files', () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

  it('a payload nested 5,000 deep is refused in one line', async () => {
    expectOneLineFailure(await run(['db', 'iov', 'append', 'scale-run', '--since', '300', '--payload', deep(5000), '--db', p.db]));
    const file = join(tempDir('nucal-cli-deep-'), 'deep.jsonl');
    writeFileSync(file, `{"since": "300", "payload": ${deep(5000)}}\n`);
    expectOneLineFailure(await run(['db', 'iov', 'append', 'scale-run', '--file', file, '--db', p.db]));
  });

  it('control characters and newlines in names and notes stay inside one escaped line', async () => {
    const err = expectOneLineFailure(await run(['db', 'iov', 'list', 'no\nsuch\u001b[2Jtag', '--db', p.db]));
    expect(err).toContain('no\\nsuch\\u001b[2Jtag');
  });

  it('a --file since beyond 2^53 written as a number is refused with the advice to quote it', async () => {
    const file = join(tempDir('nucal-cli-bulk-'), 'iovs.jsonl');
    writeFileSync(file, '{"since": "1795478400000000000", "payload": {"y0PePerMeV": 1}}\n{"since": 1795478400000000256, "payload": {"y0PePerMeV": 2}}\n');
    expect(expectOneLineFailure(await run(['db', 'iov', 'append', 'scale-ts', '--file', file, '--db', p.db]))).toBe(
      `error: line 2 of ${file}: "since" 1795478400000000256 is beyond 2^53, where JSON numbers lose digits: write it as a string, "since": "1795478400000000256"`,
    );
    writeFileSync(file, '{"since": {"ns": 5}, "payload": {"y0PePerMeV": 2}}\n');
    expect(expectOneLineFailure(await run(['db', 'iov', 'append', 'scale-ts', '--file', file, '--db', p.db]))).toMatch(/since: expected a string or an integer/);
    expect(expectOneLineFailure(await run(['db', 'iov', 'append', 'scale-ts', '--file', join(file, 'nope'), '--db', p.db]))).toMatch(/--file ".*nope" cannot be read/);
  });
});

describe('dates: strict, and UTC when no zone is given', () => {
  it('--snapshot and --as-of without a zone are UTC whatever TZ is', async () => {
    process.env.TZ = 'America/New_York';
    const r = await run(['db', 'gt', 'create', 'tz-check', '--snapshot', '2026-11-24T12:00:00', '--json', '--db', p.db]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).snapshot).toBe('2026-11-24T12:00:00.000Z');
    // IOVs were inserted "now": as of 2020 (UTC midnight, not New York midnight) there are none
    const list = await run(['db', 'iov', 'list', 'scale-run', '--as-of', '2020-01-01', '--json', '--db', p.db]);
    expect(list.code, list.err).toBe(0);
    expect(JSON.parse(list.out).items).toEqual([]);
  });

  it('refuses impossible dates and sub-millisecond bounds in one line; --snapshot now stays', async () => {
    for (const [opt, value, why] of [
      ['--as-of', '2026-02-30', /has day 30/],
      ['--as-of', '2026-11-24T24:00:00Z', /has hour 24/],
      ['--as-of', '2026-12-31T23:59:60Z', /leap seconds/],
      ['--as-of', '2026-11-24T12:00:00.0001Z', /more than millisecond precision/],
      ['--as-of', 'yesterday', /is not a date/],
    ] as const) {
      expect(expectOneLineFailure(await run(['db', 'iov', 'list', 'scale-run', opt, value, '--db', p.db]))).toMatch(why);
    }
    expect(expectOneLineFailure(await run(['db', 'resolve', '--tag', 'scale-ts', '--record', 'demo.scale', '--at', '2026-02-29T00:00:00Z', '--db', p.db]))).toMatch(/has day 29/);
    expect((await run(['db', 'gt', 'create', 'snap-now', '--db', p.db])).code).toBe(0);
    expect((await run(['db', 'gt', 'lock', 'snap-now', '--snapshot', 'now', '--db', p.db])).code).toBe(0);
  });
});

describe('unexpected errors', () => {
  it('NUCAL_DEBUG=1 adds the stack; without it there is none', async () => {
    const env = { ...process.env, NUCAL_DEBUG: '1' };
    const r = await run(['db', 'tag', 'list', '--db', UNREACHABLE], env);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toMatch(/^error: .*unreachable/);
    expect(r.err).not.toContain(SECRET);
  });
});

// On PostgreSQL when NUCAL_TEST_PG_URL is set (CI always sets it: there a missing URL fails).
const admin = process.env.NUCAL_TEST_PG_URL;
if (!admin && process.env.CI) {
  it('PostgreSQL: needs NUCAL_TEST_PG_URL in CI', () => {
    throw new Error('NUCAL_TEST_PG_URL is not set: CI must run the PostgreSQL CLI test (.ci/run starts a server)');
  });
} else if (!admin) {
  console.warn('[cli] PostgreSQL example skipped, set NUCAL_TEST_PG_URL=postgres://user@127.0.0.1:port/postgres to run it');
}
if (admin) {
  describe('PostgreSQL', () => {
    it('db init --json on a URL with a password prints it redacted', async () => {
      // the test server trusts local connections, so any password is accepted
      const { default: knexFactory } = await import('knex');
      const name = `nucal_cli_${Date.now().toString(36)}`;
      const k = knexFactory({ client: 'pg', connection: admin });
      await k.raw(`CREATE DATABASE ${name}`);
      try {
        const url = new URL(admin!);
        url.password = SECRET;
        url.pathname = `/${name}`;
        const r = await run(['db', 'init', '--json', '--db', url.toString()]);
        expect(r.code, r.err).toBe(0);
        expect(r.out).not.toContain(SECRET);
        expect(JSON.parse(r.out).db).toBe(url.toString().replace(SECRET, '***'));
        const human = await run(['db', 'init', '--db', url.toString()]);
        expect(human.out).not.toContain(SECRET);
        // a PostgreSQL database without nucal tables: not created by a write command
        const other = `${name}_empty`;
        await k.raw(`CREATE DATABASE ${other}`);
        url.pathname = `/${other}`;
        const err = expectOneLineFailure(await run(['db', 'gt', 'create', 'g', '--db', url.toString()]));
        expect(err).toMatch(/has no nucal tables; run "nucal db init --db postgres:\/\/[^:]+:\*\*\*@/);
        await k.raw(`DROP DATABASE IF EXISTS ${other} WITH (FORCE)`);
      } finally {
        await k.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await k.destroy();
      }
    });
  });
}
