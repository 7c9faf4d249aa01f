import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { afterAll, describe } from 'vitest';
import { openConditionsDb, type ConditionsDb } from '../src/index.js';

/** A fresh, empty database of one backend: its URL and an opener. */
export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** Creates a new empty database and returns its URL. */
  fresh(): Promise<string>;
}

const PG_ADMIN_URL = process.env.NUCAL_TEST_PG_URL;
const dirs: string[] = [];
const pgDatabases: string[] = [];

/** A temporary directory removed after the test file. */
export function tempDir(prefix = 'nucal-db-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    return join(tempDir(), 'conditions.sqlite');
  },
};

const postgres: Backend = {
  name: 'postgres',
  async fresh() {
    const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL });
    const name = `nucal_test_${randomBytes(6).toString('hex')}`;
    try {
      await admin.raw(`CREATE DATABASE ${name}`);
    } finally {
      await admin.destroy();
    }
    pgDatabases.push(name);
    const url = new URL(PG_ADMIN_URL!);
    url.pathname = `/${name}`;
    return url.toString();
  },
};

afterAll(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (PG_ADMIN_URL && pgDatabases.length) {
    const admin = knexFactory({ client: 'pg', connection: PG_ADMIN_URL });
    for (const n of pgDatabases.splice(0)) await admin.raw(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    await admin.destroy();
  }
});

/**
 * Runs a suite on every backend: SQLite always; PostgreSQL when NUCAL_TEST_PG_URL is set.
 * In CI (CI=true) a missing PostgreSQL URL is an error, not a skip.
 */
export function describeBackends(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqlite));
  if (PG_ADMIN_URL) {
    describe(`${title} [postgres]`, () => suite(postgres));
  } else if (process.env.CI) {
    describe(`${title} [postgres]`, () => {
      throw new Error('NUCAL_TEST_PG_URL is not set: CI must run the PostgreSQL suite (.ci/run starts a server)');
    });
  } else {
    console.warn(`[conditions-db] ${title}: PostgreSQL suite skipped, set NUCAL_TEST_PG_URL=postgres://user@127.0.0.1:port/postgres to run it`);
  }
}

/** Opens a fresh database of the backend; remember to close it. */
export async function freshDb(backend: Backend, label = 'tester'): Promise<ConditionsDb> {
  return openConditionsDb({ url: await backend.fresh(), label, create: true });
}

/** Number of rows in a table. */
export async function countRows(db: ConditionsDb, table: string): Promise<number> {
  const rows = await db.knex(table).count({ n: '*' });
  return Number(rows[0]?.n);
}
