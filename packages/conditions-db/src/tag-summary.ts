import { timeFromKey, type Time } from '@nucal/core';
import type { DbContext } from './context.js';
import { microsToDate } from './clock.js';
import { rowsOf } from './rows-of.js';
import { tagRow, toTagInfo } from './tags.js';
import type { TagInfo } from './types.js';
import { whoUses, type Usage } from './usage.js';

/** A tag with what CMS `conddb list` / Belle II `b2conditionsdb` show about it. */
export interface TagSummary extends TagInfo {
  /** Effective IOVs: distinct sinces (a superseded row does not count). */
  readonly iovCount: number;
  /** Every IOV row, superseded ones included. */
  readonly rowCount: number;
  /** First and last since of the tag, or null when it has no IOV. */
  readonly firstSince: Time | null;
  readonly lastSince: Time | null;
  /** Last insertion into the tag, or null. */
  readonly lastInsertedAt: Date | null;
  /** Global tags mapping a record to this tag. */
  readonly globalTags: readonly Usage[];
}

/**
 * A tag with its IOV counts, first and last since and the global tags that use it: one
 * aggregate query (sinces read as text, exact above 2^53) and one join.
 *
 * @example
 * const s = await tagSummary(ctx, 'mc.dune.lifetime'); // s.iovCount, s.lastSince, s.globalTags
 */
export async function tagSummary(ctx: DbContext, name: string): Promise<TagSummary> {
  const row = await tagRow(ctx.knex, name);
  const agg = rowsOf(
    await ctx.knex.raw(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT since) AS d, CAST(MIN(since) AS TEXT) AS lo, CAST(MAX(since) AS TEXT) AS hi, CAST(MAX(inserted_at) AS TEXT) AS at
       FROM iovs WHERE tag_id = ?`,
      [row.id],
    ),
  )[0]!;
  const time = (v: unknown): Time | null => (v === null || v === undefined ? null : timeFromKey(row.time_type, BigInt(String(v))));
  return {
    ...toTagInfo(row),
    iovCount: Number(agg.d),
    rowCount: Number(agg.n),
    firstSince: time(agg.lo),
    lastSince: time(agg.hi),
    lastInsertedAt: agg.at === null || agg.at === undefined ? null : microsToDate(Number(agg.at)),
    globalTags: await whoUses(ctx, { tag: name }),
  };
}
