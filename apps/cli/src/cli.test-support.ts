import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, vi } from 'vitest';
import { runCaptured } from './program.js';

/** Runs `nucal ...` in-process and captures what it prints. */
export const nucal = (...argv: string[]) => runCaptured(argv);

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary directory removed after the test file. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A prepared conditions database for the safety and fuzz tests. */
export interface PreparedDb {
  readonly dir: string;
  /** The database: a SQLite file in `dir`, or a PostgreSQL URL. */
  readonly db: string;
  /** A standalone export of global tag `reco` (marked read-only by conditions-db). */
  readonly exported: string;
  /** JSON Schema file of record demo.scale. */
  readonly schema: string;
}

/**
 * `nucal db init`, record demo.scale, tags scale-run (run), scale-ts (timestamp) and
 * frozen-tag (locked), a few IOVs, global tags reco (locked with a snapshot) and draft (open),
 * and an export of reco: all through the CLI.
 */
export async function prepareDb(prefix = 'nucal-cli-prepared-', url?: string): Promise<PreparedDb> {
  const dir = tempDir(prefix);
  const db = url ?? join(dir, 'c.sqlite');
  const schema = join(dir, 'scale.schema.json');
  const exported = join(dir, 'reco-export.sqlite');
  writeFileSync(schema, JSON.stringify({ type: 'object', properties: { y0PePerMeV: { type: 'number', exclusiveMinimum: 0 } }, required: ['y0PePerMeV'] }));
  const steps: string[][] = [
    ['db', 'init'],
    ['db', 'record', 'register', '--name', 'demo.scale', '--schema', schema, '--description', 'light yield, PE/MeV'],
    ['db', 'tag', 'create', 'scale-run', '--record', 'demo.scale', '--time-type', 'run'],
    ['db', 'tag', 'create', 'scale-ts', '--record', 'demo.scale', '--time-type', 'timestamp'],
    ['db', 'tag', 'create', 'frozen-tag', '--record', 'demo.scale', '--time-type', 'run'],
    ['db', 'iov', 'append', 'scale-run', '--since', '100', '--payload', '{"y0PePerMeV": 1345}'],
    ['db', 'iov', 'append', 'scale-run', '--since', '200:5', '--payload', '{"y0PePerMeV": 1350}'],
    ['db', 'iov', 'append', 'scale-ts', '--since', '2026-11-24T00:00:00.000000001Z', '--payload', '{"y0PePerMeV": 1340}'],
    ['db', 'iov', 'append', 'frozen-tag', '--since', '1', '--payload', '{"y0PePerMeV": 1000}'],
    ['db', 'tag', 'lock', 'frozen-tag'],
    ['db', 'gt', 'create', 'reco', '--description', 'first pass'],
    ['db', 'gt', 'set', 'reco', 'demo.scale', 'scale-run'],
    ['db', 'gt', 'lock', 'reco', '--snapshot', 'now'],
    ['db', 'gt', 'create', 'draft'],
    ['db', 'gt', 'set', 'draft', 'demo.scale', 'scale-ts'],
    ['db', 'export', 'reco', exported],
  ];
  for (const argv of steps) {
    const r = await runCaptured([...argv, '--db', db]);
    expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
  }
  return { dir, db, exported, schema };
}

/** What reached the console while `fn` ran (libraries that print by themselves, bypassing the CLI's Io). */
export async function consoleDuring<T>(fn: () => Promise<T>): Promise<{ result: T; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const text = (args: unknown[]) => args.map(String).join(' ');
  const spies = [
    ...(['log', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void stdout.push(text(a)))),
    ...(['warn', 'error'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void stderr.push(text(a)))),
  ];
  try {
    return { result: await fn(), stdout, stderr };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

/** Looks like a stack trace, a path into dependencies or a source location. */
export const STACK_PATTERN = /\n\s+at |node_modules|\.ts:\d|\.js:\d/;

/**
 * A fresh, empty PostgreSQL database on the test server ($NUCAL_TEST_PG_URL), dropped after
 * the test file; its URL.
 */
export async function freshPostgres(admin: string): Promise<string> {
  const { default: knexFactory } = await import('knex');
  const name = `nucal_cli_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const k = knexFactory({ client: 'pg', connection: admin });
  try {
    await k.raw(`CREATE DATABASE ${name}`);
  } finally {
    await k.destroy();
  }
  pgDatabases.push(name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

const pgDatabases: string[] = [];
afterAll(async () => {
  const admin = process.env.NUCAL_TEST_PG_URL;
  if (!admin || pgDatabases.length === 0) return;
  const { default: knexFactory } = await import('knex');
  const k = knexFactory({ client: 'pg', connection: admin });
  for (const n of pgDatabases.splice(0)) await k.raw(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  await k.destroy();
});

/**
 * sha256 of every nucal table of a PostgreSQL database, rows in a fixed order: equal hashes
 * mean no row was added, changed or removed.
 */
export async function postgresContentHash(url: string): Promise<string> {
  const { default: knexFactory } = await import('knex');
  const { createHash } = await import('node:crypto');
  const k = knexFactory({ client: 'pg', connection: url });
  try {
    const h = createHash('sha256');
    const tables = (await k.raw("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")).rows as { t: string }[];
    for (const { t } of tables) {
      const rows = (await k.raw(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows as unknown[];
      h.update(`${t}\n${JSON.stringify(rows)}\n`);
    }
    return h.digest('hex');
  } finally {
    await k.destroy();
  }
}
