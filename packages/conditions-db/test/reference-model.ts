import { canonicalJson, sha256, type RecordRef, type Time, type TimeType } from '@nucal/core';
import { refuse, type ErrorClass, type Outcome, type Plan } from './model-outcome.js';
import { compareBig, effective, history, lastSince, lookup, type Row } from './model-resolution.js';
import { timeText, validKey } from './model-times.js';
import { gtView, tagView, type AppendView, type DiffView, type GlobalTagView, type IovView, type ResolutionView, type ResolveAsk, type TagView } from './model-views.js';

/**
 * The reference model of the conditions database: plain TypeScript over arrays and maps,
 * written from the spec (not from the SQL), so that the database and the model can be run
 * side by side and every answer and refusal compared. What rows mean (visibility, winners,
 * lookups) is in model-resolution.ts, export and import in model-transfer.ts.
 *
 * Every operation first *predicts* (an {@link Outcome}: the refusals allowed, or the answer
 * expected) and, when the database did it, *commits* with what only the database can know
 * (its clock: AppendResult.insertedAt, a snapshot's Date).
 */

/**
 * The order of all write transactions of one sequence, over every database of it. Real
 * stamps come from the host clock (the runner keeps databases a few milliseconds apart when
 * it switches between them), so this order is the order of the real stamps across databases,
 * which matters when rows of one database meet a snapshot of another in an import.
 */
export class LogicalClock {
  private n = 0;
  next(): number {
    return ++this.n;
  }
}

/** A tag as the model keeps it. */
export interface TagState {
  readonly name: string;
  readonly record: string;
  readonly version: number;
  readonly timeType: TimeType;
  readonly allowBackfill: boolean;
  locked: boolean;
  /** Every row ever written, in database sequence. */
  rows: Row[];
}

/** A global tag as the model keeps it. */
export interface GlobalTagState {
  readonly name: string;
  readonly entries: Map<string, string>;
  locked: boolean;
  snapshot: { readonly stamp: number; readonly ms: number } | null;
}

const TAG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/**
 * Back-fill and idempotence: in a tag without back-fill, an item below the last since is
 * refused unless it repeats the payload current at its since (it then writes nothing and is
 * counted unchanged, so re-running a job is never a back-fill). False is that rule; true would
 * refuse such repeats too.
 */
export const BACKFILL_INCLUDES_UNCHANGED = false;

/** Content address of a payload: sha256 of the canonical JSON of { data, record, version }. */
export function payloadHash(record: { name: string; version: number }, data: unknown): string {
  return sha256(canonicalJson({ data, record: record.name, version: record.version }));
}

/** One database (or one export file) of the model. */
export class DbModel {
  records = new Set<string>();
  payloads = new Set<string>();
  tags = new Map<string, TagState>();
  globalTags = new Map<string, GlobalTagState>();
  /** Milliseconds of every stamp seen from this database or imported into it: as-of candidates. */
  stampsMs: number[] = [];
  /** The latest stamp the database reported: stamps never go back. */
  lastMs = -Infinity;

  constructor(
    /** Record definitions known to the test, by name (one version each). */
    private readonly catalog: ReadonlyMap<string, RecordRef>,
    readonly clock: LogicalClock,
  ) {}

  // records
  registerRecord(name: string): Outcome<Plan<null>> {
    if (!this.catalog.has(name)) return refuse(`record ${name} is not known to the test`, 'ValidationError');
    return { ok: { expected: null, commit: () => void this.records.add(name) } };
  }

  // tags
  createTag(t: { name: string; record: string; timeType: TimeType; allowBackfill: boolean }): Outcome<Plan<TagView>> {
    if (!TAG_NAME.test(t.name)) return refuse(`invalid tag name ${t.name}`, 'ValidationError');
    const faults: ErrorClass[] = [];
    if (!this.records.has(t.record)) faults.push('NotFoundError');
    if (this.tags.has(t.name)) faults.push('ConflictError');
    if (faults.length) return refuse(`record ${t.record} registered: ${this.records.has(t.record)}, tag ${t.name} exists: ${this.tags.has(t.name)}`, ...faults);
    const version = this.catalog.get(t.record)!.version;
    const state: TagState = { name: t.name, record: t.record, version, timeType: t.timeType, allowBackfill: t.allowBackfill, locked: false, rows: [] };
    return { ok: { expected: tagView(state), commit: () => void this.tags.set(t.name, state) } };
  }

  lockTag(name: string): Outcome<Plan<TagView>> {
    const tag = this.tags.get(name);
    if (!tag) return refuse(`no tag ${name}`, 'NotFoundError');
    // Locking a locked tag changes nothing and is not refused.
    return { ok: { expected: { ...tagView(tag), state: 'locked' }, commit: () => void (tag.locked = true) } };
  }

  /**
   * Spec rule 3: validation (NotFound, then Validation) before the transaction; in it the
   * lock and the back-fill rule (Conflict); then each item in order is unchanged when the
   * current winner at its since holds its payload, else a new row that becomes the winner.
   */
  append(tagName: string, items: readonly { since: Time; payload: unknown }[]): Outcome<Plan<AppendView, number>> {
    const tag = this.tags.get(tagName);
    // An empty request to a missing tag breaks two rules the spec does not order.
    if (!tag) return items.length ? refuse(`no tag ${tagName}`, 'NotFoundError') : refuse(`no tag ${tagName}, no items`, 'NotFoundError', 'ValidationError');
    if (items.length === 0) return refuse('no items', 'ValidationError');
    const record = this.catalog.get(tag.record)!;
    const keys: bigint[] = [];
    const parsed: { hash: string; data: unknown }[] = [];
    for (const item of items) {
      const key = item.since.kind === tag.timeType ? validKey(item.since) : null;
      if (key === null) return refuse(`item #${keys.length}: since of the wrong kind or out of range`, 'ValidationError');
      const p = record.schema.safeParse(item.payload);
      if (!p.success) return refuse(`item #${keys.length}: payload does not match ${record.name}`, 'ValidationError');
      keys.push(key);
      parsed.push({ hash: payloadHash(record, p.data), data: p.data });
    }
    if (tag.locked) return refuse(`tag ${tagName} is locked`, 'ConflictError');
    const last = lastSince(tag.rows);
    const current = new Map<bigint, string>();
    for (const r of tag.rows) current.set(r.since, r.hash);
    const backfill = (k: bigint, i: number) => last !== null && k < last && (BACKFILL_INCLUDES_UNCHANGED || current.get(k) !== parsed[i]!.hash);
    const below = tag.allowBackfill ? -1 : keys.findIndex(backfill);
    if (below >= 0) {
      const repeat = current.get(keys[below]!) === parsed[below]!.hash ? ', repeating the payload current there' : '';
      return refuse(`item #${below} (${keys[below]}) is below the last since ${last} of ${tagName}${repeat} (no back-fill)`, 'ConflictError');
    }
    const fresh: { since: bigint; hash: string; data: unknown }[] = [];
    let unchanged = 0;
    keys.forEach((since, i) => {
      const p = parsed[i]!;
      if (current.get(since) === p.hash) unchanged++;
      else {
        current.set(since, p.hash);
        fresh.push({ since, ...p });
      }
    });
    return {
      ok: {
        expected: { inserted: fresh.length, unchanged, hashes: parsed.map((p) => p.hash) },
        commit: (ms) => {
          const stamp = this.clock.next();
          for (const f of fresh) {
            tag.rows.push({ since: f.since, hash: f.hash, payload: f.data, stamp, ms });
            this.payloads.add(f.hash);
          }
        },
      },
    };
  }

  // global tags
  createGlobalTag(name: string): Outcome<Plan<GlobalTagView>> {
    if (!TAG_NAME.test(name)) return refuse(`invalid global tag name ${name}`, 'ValidationError');
    if (this.globalTags.has(name)) return refuse(`global tag ${name} exists`, 'ConflictError');
    const gt: GlobalTagState = { name, entries: new Map(), locked: false, snapshot: null };
    return { ok: { expected: gtView(gt), commit: () => void this.globalTags.set(name, gt) } };
  }

  setGlobalTagEntry(gtName: string, record: string, tagName: string): Outcome<Plan<GlobalTagView>> {
    const gt = this.globalTags.get(gtName);
    const tag = this.tags.get(tagName);
    const faults: ErrorClass[] = [];
    if (!gt) faults.push('NotFoundError');
    else if (gt.locked) faults.push('ConflictError');
    if (!tag) faults.push('NotFoundError');
    // The spec does not name the class of a tag of another record: a conflict with the
    // tag's definition or an invalid request are both fair.
    else if (tag.record !== record) faults.push('ConflictError', 'ValidationError');
    if (faults.length || !gt) return refuse(`global tag ${gtName}: ${gt ? (gt.locked ? 'locked' : 'open') : 'missing'}; tag ${tagName}: ${tag ? `holds ${tag.record}` : 'missing'}`, ...faults);
    const entries = new Map(gt.entries).set(record, tagName);
    return {
      ok: {
        expected: gtView({ ...gt, entries }),
        commit: () => void gt.entries.set(record, tagName),
      },
    };
  }

  /**
   * Spec rule 6: a lock freezes the map; `now` sets the snapshot to the lock's stamp. A
   * second lock without snapshot changes nothing; a snapshot never moves later. A second lock
   * with `now` of a global tag locked without snapshot is not covered by the spec: either
   * answer is accepted.
   */
  lockGlobalTag(gtName: string, now: boolean): Outcome<Plan<GlobalTagView, number | null>> {
    const gt = this.globalTags.get(gtName);
    if (!gt) return refuse(`no global tag ${gtName}`, 'NotFoundError');
    const takeSnapshot: Plan<GlobalTagView, number | null> = {
      expected: gtView({ ...gt, locked: true }, 'new'),
      commit: (ms) => {
        gt.locked = true;
        gt.snapshot = { stamp: this.clock.next(), ms: ms ?? NaN };
      },
    };
    if (!gt.locked) {
      if (now) return { ok: takeSnapshot };
      return { ok: { expected: gtView({ ...gt, locked: true }), commit: () => void (gt.locked = true) } };
    }
    if (!now) return { ok: { expected: gtView(gt), commit: () => {} } };
    if (gt.snapshot !== null) return refuse(`global tag ${gtName} is locked with a snapshot: a new one would be later`, 'ConflictError');
    return { ok: takeSnapshot, refuse: ['ConflictError'], why: `global tag ${gtName} is locked without snapshot (a later snapshot: unspecified)` };
  }

  // reading
  resolve(q: ResolveAsk): Outcome<ResolutionView> {
    let tag: TagState | undefined;
    let snapshot = Infinity;
    if (q.globalTag !== undefined) {
      const gt = this.globalTags.get(q.globalTag);
      if (!gt) return refuse(`no global tag ${q.globalTag}`, 'NotFoundError');
      const tagName = gt.entries.get(q.record);
      if (tagName === undefined) return refuse(`global tag ${q.globalTag} maps no tag for ${q.record}`, 'NotFoundError');
      tag = this.tags.get(tagName)!;
      snapshot = gt.snapshot?.stamp ?? Infinity;
    } else {
      tag = this.tags.get(q.tag!);
      if (!tag) return refuse(`no tag ${q.tag}`, 'NotFoundError');
    }
    if (q.at.kind !== tag.timeType) return refuse(`tag ${tag.name} uses ${tag.timeType} times`, 'ValidationError');
    const at = validKey(q.at);
    if (at === null) return refuse('time out of range', 'ValidationError');
    const hit = lookup(tag.rows, at, { stamp: snapshot, ms: q.asOfMs ?? Infinity });
    if (!hit) return refuse(`no visible IOV of ${tag.name} at or before ${at}`, 'NotFoundError');
    return {
      ok: {
        tag: tag.name,
        globalTag: q.globalTag ?? null,
        record: { name: tag.record, version: tag.version },
        hash: hit.row.hash,
        payload: hit.row.payload,
        since: timeText(tag.timeType, hit.since),
        until: hit.until === null ? null : timeText(tag.timeType, hit.until),
        insertedAt: hit.row.ms,
      },
    };
  }

  listIovs(tagName: string, opts: { history: boolean; asOfMs?: number }): Outcome<IovView[]> {
    const tag = this.tags.get(tagName);
    if (!tag) return refuse(`no tag ${tagName}`, 'NotFoundError');
    const bound = { stamp: Infinity, ms: opts.asOfMs ?? Infinity };
    const eff = effective(tag.rows, bound);
    const until = new Map(eff.map((e) => [e.since, e.until]));
    const t = (k: bigint | null) => (k === null ? null : timeText(tag.timeType, k));
    if (!opts.history) {
      return { ok: eff.map((e) => ({ since: t(e.since)!, until: t(e.until), hash: e.row.hash, insertedAt: e.row.ms, current: true })) };
    }
    return {
      ok: history(tag.rows, bound).map(({ row, current }) => ({
        since: t(row.since)!,
        until: t(until.get(row.since) ?? null),
        hash: row.hash,
        insertedAt: row.ms,
        current,
      })),
    };
  }

  /** The intervals where two tags give different payloads, maximal (equal neighbours merged). */
  diffTags(left: string, right: string, asOfMs?: number): Outcome<DiffView[]> {
    const l = this.tags.get(left);
    const r = this.tags.get(right);
    if (!l || !r) return refuse(`no tag ${l ? right : left}`, 'NotFoundError');
    if (l.timeType !== r.timeType) return refuse('different time types', 'ValidationError');
    const bound = { stamp: Infinity, ms: asOfMs ?? Infinity };
    const el = effective(l.rows, bound);
    const er = effective(r.rows, bound);
    const keys = [...new Set([...el, ...er].map((e) => e.since))].sort(compareBig);
    const at = (eff: typeof el, k: bigint): string | null => {
      let h: string | null = null;
      for (const e of eff) if (e.since <= k) h = e.row.hash;
      return h;
    };
    const out: { since: bigint; until: bigint | null; left: string | null; right: string | null }[] = [];
    keys.forEach((k, i) => {
      const a = at(el, k);
      const b = at(er, k);
      const until = keys[i + 1] ?? null;
      const prev = out[out.length - 1];
      if (a === b) return;
      if (prev && prev.until === k && prev.left === a && prev.right === b) prev.until = until;
      else out.push({ since: k, until, left: a, right: b });
    });
    const t = (k: bigint | null) => (k === null ? null : timeText(l.timeType, k));
    return { ok: out.map((d) => ({ since: t(d.since)!, until: t(d.until), left: d.left, right: d.right })) };
  }

  /** Spec rule 2 as far as a client can see it: reported stamps never go back. */
  observeStamp(ms: number): boolean {
    const ok = Number.isFinite(ms) && ms >= this.lastMs;
    this.lastMs = Math.max(this.lastMs, ms);
    this.stampsMs.push(ms);
    return ok;
  }

  tagView(name: string): TagView | null {
    const t = this.tags.get(name);
    return t ? tagView(t) : null;
  }

  gtView(name: string): GlobalTagView | null {
    const g = this.globalTags.get(name);
    return g ? gtView(g) : null;
  }

  /** An empty model sharing the record catalog and the clock (an export file). */
  emptyLike(): DbModel {
    return new DbModel(this.catalog, this.clock);
  }

  /** Takes over the content of `other` (a changed clone): how an import commits. */
  adopt(other: DbModel): void {
    this.records = other.records;
    this.payloads = other.payloads;
    this.tags = other.tags;
    this.globalTags = other.globalTags;
  }

  /** A copy whose tags and global tags can change without touching this one. */
  clone(): DbModel {
    const c = new DbModel(this.catalog, this.clock);
    c.records = new Set(this.records);
    c.payloads = new Set(this.payloads);
    for (const [k, t] of this.tags) c.tags.set(k, { ...t, rows: [...t.rows] });
    for (const [k, g] of this.globalTags) c.globalTags.set(k, { ...g, entries: new Map(g.entries) });
    return c;
  }
}
