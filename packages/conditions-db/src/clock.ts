import type { Knex } from 'knex';
import type { Dialect } from './connection.js';
import { rowsOf } from './rows-of.js';

/**
 * Insertion, lock and snapshot times are integer microseconds since the epoch ("stamps"),
 * taken from the database, never from the writer's clock: a writer whose clock is off cannot
 * reorder history. Stamps stay below 2^53, so they are exact in a JS number.
 */

/** The database engine's clock in microseconds, as SQL. */
function clockSql(dialect: Dialect): string {
  // SQLite's julianday('now') is the host clock at millisecond resolution; the counter in
  // write_clock keeps stamps distinct within one millisecond.
  return dialect === 'postgres'
    ? '(extract(epoch from clock_timestamp()) * 1000000)::bigint'
    : "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)";
}

/**
 * Advances the database's write clock and returns the new stamp: max(database clock, last
 * stamp + 1). It is the first statement of every write transaction, so it also takes the
 * write lock (the row lock on PostgreSQL, the file's write lock on SQLite): writers are
 * serialised and stamps increase strictly in commit order.
 */
export async function nextStamp(trx: Knex.Transaction, dialect: Dialect): Promise<number> {
  const sql = dialect === 'postgres'
    ? `UPDATE nucal_meta SET value = CAST(GREATEST(${clockSql(dialect)}, CAST(value AS bigint) + 1) AS text) WHERE key = 'write_clock' RETURNING value`
    : `UPDATE nucal_meta SET value = CAST(MAX(${clockSql(dialect)}, CAST(value AS INTEGER) + 1) AS TEXT) WHERE key = 'write_clock' RETURNING value`;
  const rows = rowsOf(await trx.raw(sql));
  if (!rows[0]) throw new Error('nucal_meta has no write_clock row: the database was not initialised by this version');
  return Number(rows[0].value);
}

/** The database's current time in microseconds (no write). */
export async function databaseNow(k: Knex, dialect: Dialect): Promise<number> {
  return Number(rowsOf(await k.raw(`SELECT CAST(${clockSql(dialect)} AS TEXT) AS now`))[0]!.now);
}

/** The last stamp handed out (every committed row carries one at or below it). */
export async function lastStamp(k: Knex): Promise<number> {
  const row = await k('nucal_meta').where({ key: 'write_clock' }).first('value');
  return Number(row?.value ?? 0);
}

/**
 * Insertion-time bound of a Date: the whole millisecond is included, so "as of" the
 * `insertedAt` shown for a row includes that row.
 */
export function dateToBound(d: Date): number {
  return d.getTime() * 1000 + 999;
}

/** Date of a microsecond stamp (floored to the millisecond). */
export function microsToDate(us: number): Date {
  return new Date(Math.floor(us / 1000));
}
