import { openConditionsDb, type ConditionsDb } from '@nucal/conditions-db';
import type { Io } from './io.js';
import { toJson } from './format.js';

/** Options every database command takes. */
export interface DbOptions {
  db: string;
  json?: boolean;
}

/** Default database: $NUCAL_DB, else ./nucal.sqlite. */
export const DEFAULT_DB = process.env.NUCAL_DB ?? './nucal.sqlite';

/** Opens the database, runs `fn`, closes it whatever happens. */
export async function withDb<T>(opts: DbOptions, fn: (db: ConditionsDb) => Promise<T>, readOnly = false): Promise<T> {
  const db = await openConditionsDb({ url: opts.db, readOnly });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Prints `value` as JSON with --json, else the human text. */
export function emit(io: Io, opts: { json?: boolean }, value: unknown, human: () => string): void {
  io.out(opts.json ? toJson(value) : human());
}
