import type { Knex } from 'knex';
import { ConflictError, NucalError } from '@nucal/core';
import { nowMicros } from './clock.js';
import type { DbContext } from './context.js';

/**
 * Runs `fn` in one transaction that takes the write lock first, then records one audit
 * entry before committing. Either everything is written or nothing is.
 *
 * SQLite: the first statement is a write, so the transaction holds the file's write lock
 * from the start; a deferred transaction that read first could not upgrade under contention
 * and would fail with SQLITE_BUSY instead of waiting out the busy timeout.
 */
export async function writeTransaction<T>(
  ctx: DbContext,
  action: string,
  target: string,
  fn: (trx: Knex.Transaction) => Promise<{ result: T; details: Record<string, unknown> }>,
): Promise<T> {
  if (ctx.readOnly) throw new ConflictError(`cannot ${action} ${target}: the database was opened read-only`);
  try {
    return await ctx.knex.transaction(async (trx) => {
      if (ctx.dialect === 'sqlite') await trx.raw("UPDATE nucal_meta SET value = value WHERE key = 'write_lock'");
      const { result, details } = await fn(trx);
      await trx('audit_log').insert({
        at: nowMicros(),
        actor: ctx.actor,
        action,
        target,
        details: JSON.stringify(details),
      });
      return result;
    });
  } catch (err) {
    throw translateDbError(err, `${action} ${target}`);
  }
}

/** Maps driver errors that mean "conflicting state" to {@link ConflictError}; keeps nucal errors. */
export function translateDbError(err: unknown, what: string): unknown {
  if (err instanceof NucalError) return err;
  const e = err as { code?: string; message?: string };
  // knex prefixes driver messages with the whole SQL text: keep only the driver's words.
  const msg = (e.message ?? String(err)).split(' - ').pop()!.slice(0, 500);
  if (e.code === '23505' || (e.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(msg))) {
    return new ConflictError(`${what} failed: it already exists (${msg})`);
  }
  return new NucalError('DATABASE', `${what} failed: ${msg}`, { cause: err });
}
