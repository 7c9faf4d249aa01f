import type { Knex } from 'knex';
import { PermissionError } from '@nucal/core';
import { nextStamp } from './clock.js';
import type { DbContext } from './context.js';
import { translateDbError } from './db-errors.js';

/** What a write did, with what to put in its audit entry. */
export interface WriteOutcome<T> {
  result: T;
  details: Record<string, unknown>;
}

class RollBack<T> {
  constructor(readonly result: T) {}
}

/**
 * Runs `fn` in one transaction that first advances the database's write clock (which takes
 * the write lock and gives the transaction its stamp), then records one audit entry before
 * committing. Either everything is written or nothing is; with `dryRun` the transaction is
 * rolled back after `fn`, so the result says what would have been written.
 */
export async function writeTransaction<T>(
  ctx: DbContext,
  action: string,
  target: string,
  fn: (trx: Knex.Transaction, stamp: number) => Promise<WriteOutcome<T>>,
  opts: { dryRun?: boolean } = {},
): Promise<T> {
  if (ctx.readOnly) throw new PermissionError(`cannot ${action} ${target}: ${ctx.readOnlyReason ?? `database ${ctx.location} was opened read-only`}`);
  let waiting: NodeJS.Timeout | undefined;
  try {
    return await ctx.knex.transaction(async (trx) => {
      if (ctx.dialect === 'postgres') await trx.raw(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(ctx.busyTimeoutMs))}`);
      if (ctx.onWait) {
        const onWait = ctx.onWait;
        waiting = setTimeout(() => onWait(`another writer holds ${ctx.location}; waiting up to ${Math.round(ctx.busyTimeoutMs / 1000)} s`), 1000);
      }
      const stamp = await nextStamp(trx, ctx.dialect);
      clearTimeout(waiting);
      const { result, details } = await fn(trx, stamp);
      await trx('audit_log').insert({
        at: stamp,
        // PostgreSQL records the authenticated role itself; SQLite has only the OS user.
        actor: ctx.dialect === 'postgres' ? trx.raw('current_user') : ctx.identity,
        label: ctx.label,
        action,
        target: target.slice(0, 256),
        details: JSON.stringify(details),
      });
      if (opts.dryRun) throw new RollBack(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RollBack) return err.result as T;
    throw translateDbError(err, `${action} ${target}`, ctx.location);
  } finally {
    clearTimeout(waiting);
  }
}

/** Removes control characters and bounds the length of a free-text label. */
export function sanitiseLabel(text: string | undefined): string | null {
  if (text === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim().slice(0, 128);
  return clean === '' ? null : clean;
}
