import { ValidationError } from '@nucal/core';
import type { DbContext } from './context.js';

/** One place a tag or payload is used. */
export interface Usage {
  readonly globalTag: string;
  readonly record: string;
  readonly tag: string;
}

/**
 * Which global tags use a tag, or a payload (through any tag holding it): what is affected
 * before a tag is replaced or a payload is found to be wrong.
 */
export async function whoUses(ctx: DbContext, what: { tag: string } | { payload: string }): Promise<Usage[]> {
  const q = ctx.knex('global_tag_entries as e')
    .join('global_tags as g', 'g.id', 'e.global_tag_id')
    .join('tags as t', 't.id', 'e.tag_id')
    .select('g.name as globalTag', 'e.record_name as record', 't.name as tag')
    .orderBy([{ column: 'g.name' }, { column: 'e.record_name' }]);
  if ('tag' in what) q.where('t.name', what.tag);
  else {
    if (!/^[0-9a-f]{64}$/.test(what.payload)) throw new ValidationError(`payload hash "${what.payload}" is invalid: expected 64 hex digits`);
    q.whereIn('t.id', ctx.knex('iovs').where('payload_hash', what.payload).distinct('tag_id'));
  }
  return (await q).map((r) => ({ globalTag: String(r.globalTag), record: String(r.record), tag: String(r.tag) }));
}
