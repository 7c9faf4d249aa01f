import { createHash } from 'node:crypto';
import type { ConditionsDb } from '@nucal/conditions-db';
import { TOKEN_TABLE } from '../src/tokens.js';

/** Every table the service can write, with the columns that order its rows. */
const TABLES: [string, string[]][] = [
  ['nucal_meta', ['key']], ['records', ['name', 'version']], ['payloads', ['hash']], ['tags', ['id']], ['iovs', ['id']],
  ['global_tags', ['id']], ['global_tag_entries', ['global_tag_id', 'record_name']], ['audit_log', ['id']], [TOKEN_TABLE, ['name']],
];

/** sha256 of every row of every table (the write clock included): equal iff nothing was written. */
export async function dbFingerprint(db: ConditionsDb): Promise<string> {
  const h = createHash('sha256');
  for (const [table, order] of TABLES) {
    const rows = await db.knex(table).select('*').orderBy(order.map((column) => ({ column })));
    h.update(`${table}:${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
  }
  return h.digest('hex');
}
