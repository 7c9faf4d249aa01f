import sqlite3 from 'sqlite3';
import { positional } from './resolve-sql.js';

/**
 * A second SQLite connection that keeps the resolve statements prepared. knex prepares a
 * statement for every query, which costs more than the lookup itself; reconstruction jobs
 * resolve constantly, so the hot path gets its own connection (WAL lets it read beside the
 * writer) with statements prepared once. Everything else goes through knex.
 */
export class SqliteReader {
  private readonly statements = new Map<string, { stmt: sqlite3.Statement; names: string[] }>();

  private constructor(private readonly db: sqlite3.Database) {}

  static open(file: string, readOnly: boolean, busyTimeoutMs: number): Promise<SqliteReader> {
    return new Promise((resolve, reject) => {
      const mode = readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE;
      const db = new sqlite3.Database(file, mode, (err) => {
        if (err) return reject(err);
        db.exec(`PRAGMA busy_timeout = ${Math.round(busyTimeoutMs)}; PRAGMA query_only = ON`, (e) => (e ? reject(e) : resolve(new SqliteReader(db))));
      });
    });
  }

  /** First row of a named-parameter statement (`:name`), preparing it on first use. */
  get(sql: string, params: Record<string, string | number>): Promise<Record<string, unknown> | undefined> {
    let entry = this.statements.get(sql);
    if (!entry) {
      const p = positional(sql);
      entry = { stmt: this.db.prepare(p.sql), names: p.names };
      this.statements.set(sql, entry);
    }
    const args = entry.names.map((n) => params[n]);
    const stmt = entry.stmt;
    // `all`, not `get`: it steps the statement to completion, which ends its read transaction.
    // A statement left mid-result by `get` keeps the connection on an old WAL snapshot, and
    // later lookups would not see IOVs written since.
    return new Promise((resolve, reject) => stmt.all(args, (err: Error | null, rows: Record<string, unknown>[]) => (err ? reject(err) : resolve(rows[0]))));
  }

  close(): Promise<void> {
    for (const { stmt } of this.statements.values()) stmt.finalize();
    this.statements.clear();
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
