import { NoIovError, parseInstant, timeKey, ValidationError, type Resolution } from '@nucal/core';
import type { ConditionsDb, GlobalTagInfo, TagInfo } from '@nucal/conditions-db';
import { etagOf, type CachePolicy } from './http-cache.js';
import { FixedAnswers } from './fixed-answers.js';
import { jsonBody } from './json-body.js';
import type { ServiceMetrics } from './metrics.js';
import type { ResolveQuery } from './request-schemas.js';
import { timeFromText } from './time-text.js';

/** An answer of the resolve route: JSON text, ETag and how long caches may keep it. */
export interface ResolveAnswer {
  readonly body: string;
  readonly etag: string;
  readonly policy: CachePolicy;
}

/** What never changes about a tag once it exists: record, time type, back-fill rule. */
type TagFacts = Pick<TagInfo, 'name' | 'record' | 'timeType' | 'allowBackfill'>;

/**
 * Answers `GET /api/v1/resolve` and decides how long the answer may be cached.
 *
 * An answer is **fixed** (cached for a year, and kept by the service itself) when no later
 * write can change it:
 * - the map is frozen (resolution through a tag, or through a locked global tag), and
 * - the rows are frozen: the global tag has a snapshot, or `asOf` is before the database's
 *   clock, or the tag is locked; or the IOV is closed (a later IOV exists) in a
 *   tag without back-fill, where new IOVs can only start at or after the last since.
 *
 * Anything else (an open global tag, the open-ended IOV of an open tag) may change and is
 * cached for the short max-age. `reproducible` in the answer follows the database
 * provider's rule (a global tag locked with a snapshot, a tag locked, or `asOf` pinned), so
 * the HTTP provider refuses what `db.provider()` would refuse.
 */
export class Resolver {
  private readonly lockedGlobalTags = new Map<string, GlobalTagInfo>();
  private readonly tagFacts = new Map<string, TagFacts>();
  private readonly lockedTags = new Set<string>();
  /**
   * The highest database clock seen (ms). An as-of strictly before it is pinned: a later
   * write is stamped at or after the clock, beyond the as-of's millisecond (an as-of in the
   * clock's own millisecond would still include a write made later in that millisecond).
   */
  private clockMs = 0;
  readonly fixed = new FixedAnswers();

  constructor(
    private readonly db: ConditionsDb,
    private readonly metrics: ServiceMetrics,
  ) {}

  async answer(q: ResolveQuery): Promise<ResolveAnswer> {
    const asOf = q.asOf !== undefined ? parseInstant(q.asOf, 'asOf') : undefined;
    const gt = q.gt !== undefined ? await this.globalTag(q.gt) : undefined;
    let tagName = q.tag!;
    if (gt) {
      const entry = gt.entries.find((e) => e.record === q.record);
      if (!entry) throw new NoIovError(`global tag ${gt.name} maps no tag for record ${q.record}`, null);
      tagName = entry.tag;
    }
    const tag = await this.facts(tagName);
    if (tag.record.name !== q.record) throw new ValidationError(`tag ${tag.name} holds record ${tag.record.name}@${tag.record.version}, not ${q.record}`);
    const at = timeFromText(q.at, tag.timeType, 'at');
    if (at.kind !== tag.timeType) throw new ValidationError(`at ${q.at} is a ${at.kind} time but tag ${tag.name} uses ${tag.timeType} times`);
    const mapFrozen = gt === undefined || gt.state === 'locked';
    const snapshot = gt !== undefined && gt.state === 'locked' && gt.snapshot !== null;
    const pinned = asOf !== undefined && (await this.notLaterThanClock(asOf));
    const target = `${gt ? `gt:${gt.name}` : `tag:${tag.name}`}|${q.record}|${asOf?.getTime() ?? ''}|${q.include ?? ''}`;
    const key = timeKey(at);
    if (mapFrozen) {
      const hit = this.fixed.find(target, key);
      if (hit) {
        this.metrics.resolveCache.inc({ result: 'hit' });
        return { body: hit.body, etag: hit.etag, policy: 'immutable' };
      }
    }
    this.metrics.resolveCache.inc({ result: 'miss' });
    const r: Resolution = await this.db.resolve({ record: q.record, at, ...(gt ? { globalTag: gt.name } : { tag: tag.name }), ...(asOf ? { asOf } : {}) });
    const tagLocked = await this.tagLocked(tag.name, snapshot || pinned);
    const rowsFrozen = snapshot || pinned || tagLocked;
    const fixed = mapFrozen && (rowsFrozen || (!tag.allowBackfill && r.until !== null));
    const reproducible = pinned || (gt ? snapshot : tagLocked);
    const payload = q.include === 'payload' ? JSON.parse((await this.db.getPayload(r.hash)).canonicalData) : undefined;
    const body = jsonBody({
      record: r.record, tag: r.tag, ...(gt ? { globalTag: gt.name } : {}), since: r.since, until: r.until, hash: r.hash,
      insertedAt: r.insertedAt, reproducible, ...(payload !== undefined ? { payload } : {}),
    });
    const etag = etagOf(body);
    if (fixed) this.fixed.add(target, { since: timeKey(r.since), until: r.until === null ? null : timeKey(r.until), body, etag });
    return { body, etag, policy: fixed ? 'immutable' : 'short' };
  }

  /** A global tag; locked ones are kept (their map and snapshot never change again). */
  private async globalTag(name: string): Promise<GlobalTagInfo> {
    const kept = this.lockedGlobalTags.get(name);
    if (kept) return kept;
    const gt = await this.db.getGlobalTag(name);
    if (gt.state === 'locked') this.lockedGlobalTags.set(name, gt);
    return gt;
  }

  private async facts(name: string): Promise<TagFacts> {
    const kept = this.tagFacts.get(name);
    if (kept) return kept;
    const t = await this.db.getTag(name);
    if (t.state === 'locked') this.lockedTags.add(name);
    const facts: TagFacts = { name: t.name, record: t.record, timeType: t.timeType, allowBackfill: t.allowBackfill };
    this.tagFacts.set(name, facts);
    return facts;
  }

  /** Whether the tag is locked; not asked of the database when the answer does not depend on it. */
  private async tagLocked(name: string, irrelevant: boolean): Promise<boolean> {
    if (this.lockedTags.has(name)) return true;
    if (irrelevant) return false;
    const locked = (await this.db.getTag(name)).state === 'locked';
    if (locked) this.lockedTags.add(name);
    return locked;
  }

  private async notLaterThanClock(asOf: Date): Promise<boolean> {
    if (asOf.getTime() < this.clockMs) return true;
    this.clockMs = Math.max(this.clockMs, (await this.db.now()).getTime());
    return asOf.getTime() < this.clockMs;
  }
}
