import { NotFoundError, ValidationError } from '@nucal/core';
import type { DbContext } from './context.js';

/** Fewest hex digits a payload prefix may have: 6 digits (16.7 million values) keep accidental matches rare. */
export const MIN_PAYLOAD_PREFIX = 6;

const PREFIX = /^[0-9a-f]+$/;

/**
 * The payload hashes that start with `prefix` (at least {@link MIN_PAYLOAD_PREFIX} hex digits,
 * upper case accepted), in hash order, at most `limit` of them (1..1000, default 20).
 * The lookup is a range scan of the payloads' primary key on both engines.
 *
 * @example
 * await payloadsWithPrefix(ctx, '3fa9c2'); // ['3fa9c2...', ...]
 */
export async function payloadsWithPrefix(ctx: DbContext, prefix: string, limit = 20): Promise<string[]> {
  const p = checkPrefix(prefix);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError(`limit ${limit} is invalid: expected an integer 1..1000`);
  // [p, p + 'g') holds exactly the lower-case hex strings starting with p, in any collation
  // that orders digits before letters; the LIKE keeps it exact wherever that does not hold.
  const rows = await ctx.knex('payloads').where('hash', '>=', p).andWhere('hash', '<', `${p}g`).andWhere('hash', 'like', `${p}%`).orderBy('hash').limit(limit).select('hash');
  return rows.map((r) => String(r.hash));
}

/**
 * The one payload hash that starts with `prefix`, as `git` resolves a short commit id: too
 * short or not hex is a {@link ValidationError}, no match a {@link NotFoundError}, several
 * matches a {@link ValidationError} listing them (at most 10).
 *
 * @example
 * const hash = await resolvePayloadPrefix(ctx, '3fa9c2');
 */
export async function resolvePayloadPrefix(ctx: DbContext, prefix: string): Promise<string> {
  const p = checkPrefix(prefix);
  const hits = await payloadsWithPrefix(ctx, p, 11);
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) throw new NotFoundError(`no payload hash starts with ${p}`);
  const shown = hits.slice(0, 10).join(', ');
  throw new ValidationError(`payload prefix ${p} is ambiguous: it matches ${hits.length > 10 ? 'more than 10 payloads' : `${hits.length} payloads`} (${shown}${hits.length > 10 ? ', ...' : ''}); expected a prefix that matches one`);
}

function checkPrefix(prefix: string): string {
  if (typeof prefix !== 'string') throw new ValidationError(`payload prefix ${String(prefix)} is invalid: expected hex digits`);
  const p = prefix.trim().toLowerCase();
  if (!PREFIX.test(p) || p.length > 64) throw new ValidationError(`payload prefix "${prefix}" is invalid: expected ${MIN_PAYLOAD_PREFIX} to 64 hex digits`);
  if (p.length < MIN_PAYLOAD_PREFIX) throw new ValidationError(`payload prefix "${prefix}" is too short: expected at least ${MIN_PAYLOAD_PREFIX} hex digits`);
  return p;
}
