import { canonicalJson, sha256, type RecordRef, type Time, type TimeType } from '@nucal/core';
import { compareBig, effective, history, lastSince, lookup, sameAnswers, UNBOUNDED, type Row } from './model-resolution.js';
import { timeText, validKey } from './model-times.js';

/**
 * The reference model of the conditions database: plain TypeScript over arrays and maps,
 * written from the spec (not from the SQL), so that the database and the model can be run
 * side by side and every answer and refusal compared.
 *
 * Every operation first *predicts* (an {@link Outcome}: the refusals allowed, or the answer
 * expected) and, when the database did it, *commits* with what only the database can know
 * (its clock: AppendResult.insertedAt, a snapshot's Date).
 */

/** The error classes of @nucal/core a refusal is compared by (message text is not compared). */
export type ErrorClass = 'ValidationError' | 'NotFoundError' | 'ConflictError' | 'PermissionError';

/**
 * What the spec allows: `refuse` lists the acceptable error classes (several when a request
 * breaks several rules and the spec does not order them), `ok` the expected success. Both
 * set: the spec is silent and either is accepted (the model then follows the database).
 */
export interface Outcome<T> {
  readonly ok?: T;
  readonly refuse?: readonly ErrorClass[];
}

/** A predicted write: what the database must answer, and how the model changes once it did. */
export interface Plan<V, C = void> {
  readonly expected: V;
  readonly commit: (observed: C) => void;
}

const refuse = <T>(...classes: ErrorClass[]): Outcome<T> => ({ refuse: [...new Set(classes)] });

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

/** What TagInfo must say. */
export interface TagView {
  readonly name: string;
  readonly record: { readonly name: string; readonly version: number };
  readonly timeType: TimeType;
  readonly state: 'open' | 'locked';
  readonly allowBackfill: boolean;
}

/** What GlobalTagInfo must say; `snapshot: 'new'` is a snapshot taken now (its Date comes from the database). */
export interface GlobalTagView {
  readonly name: string;
  readonly state: 'open' | 'locked';
  readonly snapshot: number | null | 'new';
  readonly entries: readonly { readonly record: string; readonly tag: string }[];
}

/** What a Resolution must say (times as `kind:key`, dates as ms). */
export interface ResolutionView {
  readonly tag: string;
  readonly globalTag: string | null;
  readonly record: { readonly name: string; readonly version: number };
  readonly hash: string;
  readonly payload: unknown;
  readonly since: string;
  readonly until: string | null;
  readonly insertedAt: number;
}

export interface IovView {
  readonly since: string;
  readonly until: string | null;
  readonly hash: string;
  readonly insertedAt: number;
  readonly current: boolean;
}

export interface DiffView {
  readonly since: string;
  readonly until: string | null;
  readonly left: string | null;
  readonly right: string | null;
}

export interface AppendView {
  readonly inserted: number;
  readonly unchanged: number;
  readonly hashes: readonly string[];
}

/** What a resolve asks (the record by name; as-of already turned into milliseconds). */
export interface ResolveAsk {
  readonly tag?: string;
  readonly globalTag?: string;
  readonly record: string;
  readonly at: Time;
  readonly asOfMs?: number;
}

const TAG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

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
    private readonly clock: LogicalClock,
  ) {}

  // records
  registerRecord(name: string): Outcome<Plan<null>> {
    if (!this.catalog.has(name)) return refuse('ValidationError');
    return { ok: { expected: null, commit: () => void this.records.add(name) } };
  }

  // tags
  createTag(t: { name: string; record: string; timeType: TimeType; allowBackfill: boolean }): Outcome<Plan<TagView>> {
    if (!TAG_NAME.test(t.name)) return refuse('ValidationError');
    const faults: ErrorClass[] = [];
    if (!this.records.has(t.record)) faults.push('NotFoundError');
    if (this.tags.has(t.name)) faults.push('ConflictError');
    if (faults.length) return refuse(...faults);
    const version = this.catalog.get(t.record)!.version;
    const state: TagState = { name: t.name, record: t.record, version, timeType: t.timeType, allowBackfill: t.allowBackfill, locked: false, rows: [] };
    return { ok: { expected: tagView(state), commit: () => void this.tags.set(t.name, state) } };
  }

  lockTag(name: string): Outcome<Plan<TagView>> {
    const tag = this.tags.get(name);
    if (!tag) return refuse('NotFoundError');
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
    if (!tag) return refuse('NotFoundError');
    if (items.length === 0) return refuse('ValidationError');
    const record = this.catalog.get(tag.record)!;
    const keys: bigint[] = [];
    const parsed: { hash: string; data: unknown }[] = [];
    for (const item of items) {
      const key = item.since.kind === tag.timeType ? validKey(item.since) : null;
      if (key === null) return refuse('ValidationError');
      const p = record.schema.safeParse(item.payload);
      if (!p.success) return refuse('ValidationError');
      keys.push(key);
      parsed.push({ hash: payloadHash(record, p.data), data: p.data });
    }
    if (tag.locked) return refuse('ConflictError');
    const last = lastSince(tag.rows);
    if (!tag.allowBackfill && last !== null && keys.some((k) => k < last)) return refuse('ConflictError');
    const current = new Map<bigint, string>();
    for (const r of tag.rows) current.set(r.since, r.hash);
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
    if (!TAG_NAME.test(name)) return refuse('ValidationError');
    if (this.globalTags.has(name)) return refuse('ConflictError');
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
    if (faults.length || !gt) return refuse(...faults);
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
    if (!gt) return refuse('NotFoundError');
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
    if (gt.snapshot !== null) return refuse('ConflictError');
    return { ok: takeSnapshot, refuse: ['ConflictError'] };
  }

  // reading
  resolve(q: ResolveAsk): Outcome<ResolutionView> {
    let tag: TagState | undefined;
    let snapshot = Infinity;
    if (q.globalTag !== undefined) {
      const gt = this.globalTags.get(q.globalTag);
      if (!gt) return refuse('NotFoundError');
      const tagName = gt.entries.get(q.record);
      if (tagName === undefined) return refuse('NotFoundError');
      tag = this.tags.get(tagName)!;
      snapshot = gt.snapshot?.stamp ?? Infinity;
    } else {
      tag = this.tags.get(q.tag!);
      if (!tag) return refuse('NotFoundError');
    }
    if (q.at.kind !== tag.timeType) return refuse('ValidationError');
    const at = validKey(q.at);
    if (at === null) return refuse('ValidationError');
    const hit = lookup(tag.rows, at, { stamp: snapshot, ms: q.asOfMs ?? Infinity });
    if (!hit) return refuse('NotFoundError');
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
    if (!tag) return refuse('NotFoundError');
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
    if (!l || !r) return refuse('NotFoundError');
    if (l.timeType !== r.timeType) return refuse('ValidationError');
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

  // export and import
  /**
   * Spec rule 8: the file holds the global tag, its map, the mapped tags and their rows up to
   * the snapshot (with their stamps), so that it resolves through the global tag exactly as
   * the source does now.
   */
  exportGlobalTag(gtName: string, pathExists: boolean): Outcome<DbModel> {
    const gt = this.globalTags.get(gtName);
    const faults: ErrorClass[] = [];
    if (pathExists) faults.push('ConflictError');
    if (!gt) faults.push('NotFoundError');
    if (faults.length || !gt) return refuse(...faults);
    const file = new DbModel(this.catalog, this.clock);
    const bound = gt.snapshot?.stamp ?? Infinity;
    for (const tagName of new Set(gt.entries.values())) {
      const tag = this.tags.get(tagName)!;
      const rows = tag.rows.filter((r) => r.stamp <= bound);
      file.tags.set(tagName, { ...tag, rows });
      file.records.add(tag.record);
      for (const r of rows) {
        file.payloads.add(r.hash);
        file.stampsMs.push(r.ms);
      }
    }
    file.globalTags.set(gtName, { ...gt, entries: new Map(gt.entries) });
    return { ok: file };
  }

  /**
   * Spec rule 9. Refused (nothing written) when the file was tampered with, a tag exists
   * with another record/version/time type, a global tag exists with another map or state,
   * a locked tag would gain rows, a no-back-fill tag would gain a row below its last since,
   * an existing locked global tag would answer anything differently, or a global tag of the
   * file would not answer exactly as in the file. Rows are identified by (since, payload,
   * stamp) and keep their stamps; new rows go after the existing ones in the file's order.
   */
  importFile(file: DbModel, opts: { tampered: boolean }): Outcome<Plan<null>> {
    if (opts.tampered) return refuse('ConflictError', 'ValidationError');
    const post = this.clone();
    const faults: ErrorClass[] = [];
    for (const r of file.records) post.records.add(r);
    for (const h of file.payloads) post.payloads.add(h);
    for (const src of file.tags.values()) {
      const mine = post.tags.get(src.name);
      if (!mine) {
        post.tags.set(src.name, { ...src, rows: [...src.rows] });
        continue;
      }
      if (mine.record !== src.record || mine.version !== src.version || mine.timeType !== src.timeType) {
        faults.push('ConflictError');
        continue;
      }
      const have = new Set(mine.rows.map(rowId));
      const fresh = src.rows.filter((r) => !have.has(rowId(r)));
      if (fresh.length === 0) continue;
      if (mine.locked) faults.push('ConflictError');
      const last = lastSince(mine.rows);
      if (!mine.allowBackfill && last !== null && fresh.some((r) => r.since < last)) faults.push('ConflictError');
      mine.rows = [...mine.rows, ...fresh];
    }
    for (const g of file.globalTags.values()) {
      const mine = post.globalTags.get(g.name);
      if (!mine) post.globalTags.set(g.name, { ...g, entries: new Map(g.entries) });
      else if (!sameMap(mine.entries, g.entries) || mine.locked !== g.locked || mine.snapshot?.stamp !== g.snapshot?.stamp) faults.push('ConflictError');
    }
    if (faults.length) return refuse(...faults);
    for (const g of this.globalTags.values()) {
      if (g.locked && !answersAlike(this, g, post, g)) return refuse('ConflictError');
    }
    for (const g of file.globalTags.values()) {
      if (!answersAlike(file, g, post, post.globalTags.get(g.name)!)) return refuse('ConflictError');
    }
    return {
      ok: {
        expected: null,
        commit: () => {
          this.records = post.records;
          this.payloads = post.payloads;
          this.tags = post.tags;
          this.globalTags = post.globalTags;
          for (const t of file.tags.values()) for (const r of t.rows) this.stampsMs.push(r.ms);
        },
      },
    };
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

  private clone(): DbModel {
    const c = new DbModel(this.catalog, this.clock);
    c.records = new Set(this.records);
    c.payloads = new Set(this.payloads);
    for (const [k, t] of this.tags) c.tags.set(k, { ...t, rows: [...t.rows] });
    for (const [k, g] of this.globalTags) c.globalTags.set(k, { ...g, entries: new Map(g.entries) });
    return c;
  }
}

const rowId = (r: Row): string => `${r.since}|${r.hash}|${r.stamp}`;

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** Whether global tag `ga` of `a` and `gb` of `b` answer every lookup alike (map, tags' time types, rows). */
function answersAlike(a: DbModel, ga: GlobalTagState, b: DbModel, gb: GlobalTagState): boolean {
  if (!sameMap(ga.entries, gb.entries)) return false;
  for (const [, tagName] of ga.entries) {
    const ta = a.tags.get(tagName)!;
    const tb = b.tags.get(tagName)!;
    if (ta.timeType !== tb.timeType || ta.version !== tb.version) return false;
    if (!sameAnswers(ta.rows, ga.snapshot?.stamp ?? Infinity, tb.rows, gb.snapshot?.stamp ?? Infinity)) return false;
  }
  return true;
}

function tagView(t: TagState): TagView {
  return { name: t.name, record: { name: t.record, version: t.version }, timeType: t.timeType, state: t.locked ? 'locked' : 'open', allowBackfill: t.allowBackfill };
}

function gtView(g: GlobalTagState, snapshot?: 'new'): GlobalTagView {
  return {
    name: g.name,
    state: g.locked ? 'locked' : 'open',
    snapshot: snapshot ?? g.snapshot?.ms ?? null,
    entries: [...g.entries].map(([record, tag]) => ({ record, tag })).sort((x, y) => (x.record < y.record ? -1 : x.record > y.record ? 1 : 0)),
  };
}

export { UNBOUNDED };
