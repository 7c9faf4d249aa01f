import { ValidationError } from '@nucal/core';
import { microsToDate } from './clock.js';
import type { DbContext } from './context.js';
import type { AuditEntry } from './types.js';

/** The newest audit entries first (every write leaves exactly one). */
export async function auditLog(ctx: DbContext, opts: { limit?: number; target?: string } = {}): Promise<AuditEntry[]> {
  const limit = opts.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new ValidationError(`limit ${limit} is invalid: expected an integer 1..100000`);
  const q = ctx.knex('audit_log').orderBy('id', 'desc').limit(limit);
  if (opts.target) q.where({ target: opts.target });
  return (await q).map((r) => ({
    id: Number(r.id),
    at: microsToDate(Number(r.at)),
    actor: String(r.actor),
    label: r.label === null || r.label === undefined ? null : String(r.label),
    action: String(r.action),
    target: String(r.target),
    details: JSON.parse(String(r.details)) as Record<string, unknown>,
  }));
}
