import knexFactory, { type Knex } from 'knex';
import { DatabaseError, ValidationError } from '@nucal/core';
import { redactSecrets } from './db-errors.js';

/** Which SQL engine a database URL points to. */
export type Dialect = 'sqlite' | 'postgres';

/** Where the database is: a SQLite file path (default) or a `postgres://` / `postgresql://` URL. */
export interface ConnectionTarget {
  readonly dialect: Dialect;
  /** File path for SQLite, connection string for PostgreSQL. */
  readonly location: string;
}

/**
 * The URL with its password replaced by `***`: what may be printed, logged or stored.
 *
 * @example
 * redactUrl('postgres://calib:s3cret@db.example:5432/conditions') // 'postgres://calib:***@db.example:5432/conditions'
 */
export function redactUrl(url: string): string {
  return redactSecrets(url);
}

/** Decides the dialect from the URL: PostgreSQL for postgres(ql):// URLs, otherwise a SQLite file path. */
export function parseDbUrl(url: string): ConnectionTarget {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new ValidationError(`database "${String(url)}" is empty: expected a SQLite file path or a postgres:// URL`);
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', location: url };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ValidationError(`database "${redactSecrets(url)}" has an unsupported scheme: expected a SQLite file path or a postgres:// URL`);
  }
  if (url === ':memory:') {
    throw new ValidationError('database ":memory:" is not supported: expected a SQLite file path (use a temporary file for throwaway databases)');
  }
  return { dialect: 'sqlite', location: url.replace(/^sqlite:/, '') };
}

/** Opens a knex instance for the target. SQLite gets WAL, a busy timeout and foreign keys. */
export function connect(target: ConnectionTarget, opts: { readOnly: boolean; busyTimeoutMs: number }): Knex {
  if (target.dialect === 'postgres') {
    try {
      return knexFactory({
        client: 'pg',
        connection: target.location,
        pool: { min: 0, max: 4 },
        log: QUIET,
        acquireConnectionTimeout: Math.max(5_000, opts.busyTimeoutMs),
      });
    } catch (err) {
      // `pg` is an optional peer dependency: knex loads it only for client 'pg', and SQLite-only
      // users do not install it.
      if (/Cannot find (module|package) 'pg'/.test(String((err as Error)?.message))) {
        throw new DatabaseError('other', `database ${redactUrl(target.location)} is PostgreSQL, which needs the optional "pg" package: run \`npm install pg\``, { cause: err });
      }
      throw err;
    }
  }
  return knexFactory({
    client: 'sqlite3',
    connection: { filename: target.location },
    useNullAsDefault: true,
    log: QUIET,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConn, done: (err: Error | null, conn: SqliteConn) => void) {
        // WAL lets readers run beside one writer; the busy timeout makes concurrent writers
        // queue instead of failing; query_only turns a read-only open into a hard guarantee.
        const pragmas = [`PRAGMA busy_timeout = ${Math.round(opts.busyTimeoutMs)}`, 'PRAGMA foreign_keys = ON', 'PRAGMA synchronous = NORMAL', 'PRAGMA cache_size = -65536'];
        if (!opts.readOnly) pragmas.unshift('PRAGMA journal_mode = WAL');
        if (opts.readOnly) pragmas.push('PRAGMA query_only = ON');
        conn.exec(pragmas.join(';'), (err) => done(err, conn));
      },
    },
  });
}

/**
 * knex prints connection failures ("Acquire connection error" with a stack) through
 * console.log, on stdout: every such failure reaches the caller as an error anyway.
 */
const QUIET = { warn() {}, error() {}, deprecate() {}, debug() {} };

interface SqliteConn {
  exec(sql: string, cb: (err: Error | null) => void): void;
}
