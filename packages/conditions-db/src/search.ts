import { ValidationError } from '@nucal/core';
import type { DbContext } from './context.js';
import { MIN_PAYLOAD_PREFIX, payloadsWithPrefix } from './payload-prefix.js';

/** What {@link searchConditions} found. */
export interface SearchHit {
  readonly kind: 'tag' | 'global-tag' | 'record' | 'payload';
  /** Tag, global-tag or record name, or the full payload hash. */
  readonly name: string;
  /** Record version, for records. */
  readonly version?: number;
  /** Where the text was found (a name match hides a description match of the same object). */
  readonly field: 'name' | 'description' | 'hash';
  /** The matching field's value. */
  readonly text: string;
  /** `record@version` of a tag or payload, the state of a global tag. */
  readonly detail: string;
}

/** Longest search text (a description is at most 4,096 characters). */
const MAX_QUERY = 256;

/**
 * Finds `text` (case-insensitive, anywhere) in the names and descriptions of tags, global
 * tags and records, and, when it is a hex string of {@link MIN_PAYLOAD_PREFIX} or more digits,
 * among payload hash prefixes. Hits come by kind (tags, global tags, records, payloads), then
 * name; at most `limit` (1..10000, default 100), `more` says whether some were left out.
 *
 * Matching happens here, not in SQL: SQLite's LIKE folds only ASCII case and PostgreSQL's is
 * case-sensitive, and both engines must answer alike. Tags, global tags and records number in
 * the thousands at most, so reading their names and descriptions is cheap.
 *
 * @example
 * const { hits } = await searchConditions(ctx, 'lifetime');
 */
export async function searchConditions(ctx: DbContext, text: string, opts: { limit?: number } = {}): Promise<{ hits: SearchHit[]; more: boolean }> {
  if (typeof text !== 'string' || text.trim() === '') throw new ValidationError('search text is empty: expected a word to look for');
  if (text.length > MAX_QUERY) throw new ValidationError(`search text is ${text.length} characters long: expected at most ${MAX_QUERY}`);
  const limit = opts.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new ValidationError(`limit ${limit} is invalid: expected an integer 1..10000`);
  const needle = text.trim().toLowerCase();
  const has = (s: unknown) => typeof s === 'string' && s.toLowerCase().includes(needle);
  const hits: SearchHit[] = [];
  const match = (kind: SearchHit['kind'], name: string, description: string, detail: string, version?: number) => {
    const field = has(name) ? 'name' : has(description) ? 'description' : null;
    if (field) hits.push({ kind, name, ...(version !== undefined ? { version } : {}), field, text: field === 'name' ? name : description, detail });
  };
  for (const t of await ctx.knex('tags').orderBy('name').select('name', 'description', 'record_name', 'record_version')) {
    match('tag', String(t.name), String(t.description), `${String(t.record_name)}@${Number(t.record_version)}`);
  }
  for (const g of await ctx.knex('global_tags').orderBy('name').select('name', 'description', 'state', 'snapshot_at')) {
    match('global-tag', String(g.name), String(g.description), String(g.state));
  }
  for (const r of await ctx.knex('records').orderBy([{ column: 'name' }, { column: 'version' }]).select('name', 'version', 'description')) {
    match('record', String(r.name), String(r.description), '', Number(r.version));
  }
  if (needle.length >= MIN_PAYLOAD_PREFIX && needle.length <= 64 && /^[0-9a-f]+$/.test(needle)) {
    const hashes = await payloadsWithPrefix(ctx, needle, Math.min(1000, limit + 1));
    const rows = hashes.length ? await ctx.knex('payloads').whereIn('hash', hashes).orderBy('hash').select('hash', 'record_name', 'record_version') : [];
    for (const p of rows) hits.push({ kind: 'payload', name: String(p.hash), field: 'hash', text: String(p.hash), detail: `${String(p.record_name)}@${Number(p.record_version)}` });
  }
  return { hits: hits.slice(0, limit), more: hits.length > limit };
}
