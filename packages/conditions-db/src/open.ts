import { existsSync, rmSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Knex } from 'knex';
import { DatabaseError, ValidationError } from '@nucal/core';
import { connect, parseDbUrl, redactUrl, type ConnectionTarget } from './connection.js';
import { ConditionsDb } from './conditions-db.js';
import { translateDbError } from './db-errors.js';
import { FILE_MARK_KEY, readFileMark, type FileMark } from './file-mark.js';
import { PgReader } from './pg-reader.js';
import { migrationSource, SCHEMA_VERSION } from './schema.js';
import { SqliteReader } from './sqlite-reader.js';
import { sanitiseLabel } from './write-transaction.js';

/** Options of {@link openConditionsDb}. */
export interface OpenOptions {
  /** SQLite file path (default `./nucal.sqlite`) or `postgres://user@host:port/db`. */
  url?: string;
  /** Refuse every write; SQLite files are opened with `query_only`. */
  readOnly?: boolean;
  /**
   * Create the database when it does not exist (a new SQLite file, or the tables in an empty
   * PostgreSQL database) and upgrade an older table layout. Without it a missing database is
   * an error, so a mistyped path never creates an empty one.
   */
  create?: boolean;
  /** Mark written into a SQLite file created by this open (`demo`, `export`). */
  mark?: FileMark;
  /** Write to an exported file although it is marked read-only. */
  overrideReadOnlyMark?: boolean;
  /**
   * Free-text label of the writer for the audit log (default `$NUCAL_USER`), kept beside the
   * authenticated identity (the PostgreSQL role, or the OS user for a SQLite file), never
   * instead of it. Control characters are removed.
   */
  label?: string;
  /** @deprecated the old name of `label`. */
  actor?: string;
  /** How long a write waits for another writer before failing (default 30,000 ms). */
  busyTimeoutMs?: number;
  /** Told once when a write has waited about a second for another writer (e.g. to print "waiting"). */
  onWait?: (message: string) => void;
}

/**
 * Opens a conditions database (creating it only with `create: true`).
 *
 * @example
 * const db = await openConditionsDb({ url: 'conditions.sqlite', create: true });
 * await db.registerRecord(lifetimeRecord);
 * await db.createTag({ name: 'lifetime-v1', record: 'dune.lifetime', timeType: 'timestamp' });
 * await db.appendIov('lifetime-v1', { since: parseTime('2026-11-24', 'timestamp'), payload, provenance });
 * const r = await db.resolve({ tag: 'lifetime-v1', record: lifetimeRecord, at });
 * await db.close();
 */
export async function openConditionsDb(opts: OpenOptions = {}): Promise<ConditionsDb> {
  const target = parseDbUrl(opts.url ?? './nucal.sqlite');
  const location = redactUrl(target.location);
  const create = opts.create ?? false;
  const busyTimeoutMs = opts.busyTimeoutMs ?? 30_000;
  if (!Number.isFinite(busyTimeoutMs) || busyTimeoutMs < 0) throw new ValidationError(`busyTimeoutMs ${busyTimeoutMs} is invalid: expected a non-negative number of milliseconds`);
  if (create && opts.readOnly) throw new ValidationError(`database ${location}: create and readOnly exclude each other`);
  let mark: FileMark | null = null;
  let createdFile = false;
  if (target.dialect === 'sqlite') {
    if (existsSync(target.location) && statSync(target.location).isDirectory()) {
      throw new DatabaseError('not-nucal', `database ${location} is a directory, not a SQLite file`);
    }
    if (!existsSync(target.location)) {
      if (!create) throw new DatabaseError('missing', `database file ${location} does not exist`);
      createdFile = true;
    } else {
      mark = await readFileMark(target.location);
    }
  }
  let readOnly = opts.readOnly ?? false;
  let readOnlyReason: string | null = readOnly ? `database ${location} was opened read-only` : null;
  if (mark?.kind === 'export' && !opts.overrideReadOnlyMark) {
    readOnly = true;
    readOnlyReason = `database ${location} is an exported snapshot marked read-only${mark.note ? ` (${mark.note})` : ''}; open it with overrideReadOnlyMark to write`;
  }
  const knex = connect(target, { readOnly, busyTimeoutMs });
  try {
    await prepareSchema(knex, target, location, { create, busyTimeoutMs });
    if (createdFile && opts.mark) await knex('nucal_meta').insert({ key: FILE_MARK_KEY, value: JSON.stringify(opts.mark) });
    const reader = target.dialect === 'sqlite' ? await SqliteReader.open(target.location, readOnly, busyTimeoutMs) : new PgReader(knex);
    const identity = target.dialect === 'postgres' ? String((await knex.raw('SELECT current_user AS u')).rows[0].u) : osUser();
    return new ConditionsDb(
      {
        knex, dialect: target.dialect, readOnly, readOnlyReason, location, identity,
        label: sanitiseLabel(opts.label ?? opts.actor ?? process.env.NUCAL_USER),
        busyTimeoutMs, onWait: opts.onWait, schemas: new Map(), payloads: new Map(),
      },
      reader,
      mark,
    );
  } catch (err) {
    await knex.destroy();
    if (createdFile) for (const s of ['', '-wal', '-shm', '-journal']) rmSync(target.location + s, { force: true });
    throw translateDbError(err, 'open', location);
  }
}

/**
 * Checks the table layout before anything is written: a database without nucal's tables is
 * created only with `create`, an older layout is upgraded only with `create`, a newer one is
 * refused. Opening an up-to-date database writes nothing.
 */
async function prepareSchema(knex: Knex, target: ConnectionTarget, location: string, o: { create: boolean; busyTimeoutMs: number }): Promise<void> {
  const version = await schemaVersion(knex, target);
  if (version === SCHEMA_VERSION) return;
  if (version === 'foreign') throw new DatabaseError('not-nucal', `database ${location} holds tables that are not a nucal conditions database`);
  if (version === null && !o.create) throw new DatabaseError('missing', `database ${location} has no nucal tables`);
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new DatabaseError('schema-version', `database ${location} has table layout ${version}, newer than this nucal reads (${SCHEMA_VERSION})`);
  }
  if (typeof version === 'number' && !o.create) {
    throw new DatabaseError('schema-version', `database ${location} has table layout ${version}; this nucal needs ${SCHEMA_VERSION}`);
  }
  // knex's migrator refuses at once when another process holds its lock: retry until the
  // other initialisation is done (then there is nothing left to migrate).
  const deadline = Date.now() + Math.max(o.busyTimeoutMs, 1000);
  for (;;) {
    try {
      await knex.migrate.latest({ migrationSource: migrationSource(), tableName: 'nucal_migrations' });
      return;
    } catch (err) {
      if (!/already locked/i.test(String((err as Error).message)) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The stored layout version; null for an empty database; 'foreign' when other tables are there. */
async function schemaVersion(knex: Knex, target: ConnectionTarget): Promise<number | null | 'foreign'> {
  const tables: string[] = target.dialect === 'sqlite'
    ? (await knex.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map((r: { name: string }) => r.name)
    : (await knex.raw('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()')).rows.map((r: { name: string }) => r.name);
  if (tables.length === 0) return null;
  if (!tables.includes('nucal_meta')) return tables.every((t) => t.startsWith('nucal_migrations')) ? null : 'foreign';
  const row = await knex('nucal_meta').where({ key: 'schema_version' }).first('value');
  const v = Number(row?.value);
  return Number.isInteger(v) ? v : 'foreign';
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}
