import type { Knex } from 'knex';
import { positional } from './resolve-sql.js';

interface PgConnection {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * The resolve hot path on PostgreSQL: the two resolve statements as named prepared statements
 * on connections borrowed from knex's pool (knex sends every query unprepared, and parsing and
 * planning cost more than the lookup). The same `:name` statements as everywhere else.
 */
export class PgReader {
  private readonly prepared = new Map<string, { name: string; text: string; names: string[] }>();

  constructor(private readonly knex: Knex) {}

  /** First row of a named-parameter statement (`:name`). */
  async get(sql: string, params: Record<string, string | number>): Promise<Record<string, unknown> | undefined> {
    let entry = this.prepared.get(sql);
    if (!entry) {
      const { sql: text, names } = positional(sql, (i) => `$${i}`);
      entry = { name: `nucal_resolve_${this.prepared.size}`, text, names };
      this.prepared.set(sql, entry);
    }
    const conn = (await this.knex.client.acquireConnection()) as PgConnection;
    try {
      const r = await conn.query({ name: entry.name, text: entry.text, values: entry.names.map((n) => params[n]) });
      return r.rows[0];
    } finally {
      await this.knex.client.releaseConnection(conn);
    }
  }
}
