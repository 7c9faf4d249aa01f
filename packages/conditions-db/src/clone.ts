import type { Knex } from 'knex';
import { asOfMicros } from './as-of.js';
import { lastStamp } from './clock.js';
import type { DbContext } from './context.js';
import { rowsOf } from './rows-of.js';
import { tagRow } from './tags.js';
import { importBundle, type ImportSummary } from './transfer.js';
import { MAX_DESCRIPTION, TagNameSchema } from './types.js';
import { parseInput } from './validate.js';
import { verifyBundle, type Bundle } from './verify-bundle.js';
import { ValidationError } from '@nucal/core';

/** Options of {@link cloneTag}. */
export interface CloneTagOptions {
  /** Copy the tag as it was at this date (rows inserted later are left out). */
  readonly asOf?: Date;
  /**
   * Copy every row, superseded ones too, with their insertion stamps and order, so "as of"
   * lookups on the copy answer as on the original. Default: only the effective IOVs, one row
   * per since, stamped by the clone (PostgreSQL lets only admins write back-dated stamps).
   */
  readonly history?: boolean;
  /** Description of the new tag (default: `clone of <from>` and the original's description). */
  readonly description?: string;
  /** Check everything and report what would be written, writing nothing. */
  readonly dryRun?: boolean;
}

/** What {@link cloneTag} wrote (or would write, with `dryRun`). */
export interface CloneSummary extends ImportSummary {
  readonly from: string;
  readonly to: string;
  /** Where the new tag is, password redacted. */
  readonly target: string;
  readonly history: boolean;
}

/**
 * Copies tag `from` of database `source` as a new open tag `to` in `target` (the same
 * database or another one, either engine), with its record, payloads and IOVs. The copy goes
 * through the import's verified path: every payload hash is recomputed and every payload
 * validated against its record before the one write transaction, the record must be absent in
 * the target or have the same schema, and an existing tag `to` is refused (a clone never
 * appends to a tag). The original's lock is not copied: a clone is where a locked tag's
 * constants are changed.
 *
 * @example
 * await cloneTag(db.context, 'reco.lifetime', 'reco.lifetime-fix', db.context);
 * await cloneTag(db.context, 'reco.lifetime', 'reco.lifetime', other.context, { history: true });
 */
export async function cloneTag(source: DbContext, from: string, to: string, target: DbContext, opts: CloneTagOptions = {}): Promise<CloneSummary> {
  parseInput(TagNameSchema, from, `tag name "${from}"`);
  parseInput(TagNameSchema, to, `new tag name "${to}"`);
  if (opts.description !== undefined && opts.description.length > MAX_DESCRIPTION) throw new ValidationError(`description is ${opts.description.length} characters long: expected at most ${MAX_DESCRIPTION}`);
  const bound = asOfMicros(opts.asOf);
  const history = opts.history === true;
  const bundle = await collectTag(source, from, bound, history);
  const tag = bundle.tags[0]!;
  bundle.tags[0] = {
    ...tag, name: to, state: 'open', locked_at: null,
    description: opts.description ?? `clone of ${from}${tag.description ? `: ${String(tag.description)}` : ''}`.slice(0, MAX_DESCRIPTION),
  };
  const where = `tag ${from} of ${source.location}`;
  verifyBundle(bundle, where);
  const summary = await importBundle(target, bundle, {
    source: where, action: 'tag.clone', target: to, dryRun: opts.dryRun === true, newTagsOnly: true, restamp: !history,
  });
  return { ...summary, from, to, target: target.location, history };
}

/**
 * The tag, its rows (all of them up to `bound`, or only the effective ones), their payloads
 * and the record, read in one transaction (REPEATABLE READ on PostgreSQL) for a consistent view.
 */
async function collectTag(ctx: DbContext, name: string, bound: number, history: boolean): Promise<Bundle> {
  const config = ctx.dialect === 'postgres' ? { isolationLevel: 'repeatable read' as const } : {};
  return ctx.knex.transaction(async (trx) => {
    const tag = await tagRow(trx, name);
    const upTo = Math.min(bound, await lastStamp(trx));
    const effective = history ? '' : 'AND NOT EXISTS (SELECT 1 FROM iovs j WHERE j.tag_id = i.tag_id AND j.since = i.since AND j.inserted_at <= ? AND j.id > i.id)';
    const iovs = rowsOf(
      await trx.raw(
        `SELECT CAST(i.id AS TEXT) AS id, i.tag_id, CAST(i.since AS TEXT) AS since, i.payload_hash, CAST(i.inserted_at AS TEXT) AS inserted_at
         FROM iovs i WHERE i.tag_id = ? AND i.inserted_at <= ? ${effective} ORDER BY i.id`,
        history ? [tag.id, upTo] : [tag.id, upTo, upTo],
      ),
    );
    return {
      records: await trx('records').where({ name: tag.record_name, version: tag.record_version }),
      payloads: await payloadRows(trx, [...new Set(iovs.map((i) => String(i.payload_hash)))]),
      tags: [{ ...tag }],
      iovs,
      globalTags: [],
      entries: [],
    };
  }, config);
}

async function payloadRows(trx: Knex.Transaction, hashes: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < hashes.length; i += 500) out.push(...(await trx('payloads').whereIn('hash', hashes.slice(i, i + 500))));
  return out;
}
