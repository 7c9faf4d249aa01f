import type { Time, TimeType } from '@nucal/core';
import {
  GT_NAMES, INVALID_NAME, INVALID_PAYLOADS, LIFETIME, MISSING_NAME, SCALE, TAG_DEFS, TAG_NAMES, UNKNOWN_RECORD, VALID_PAYLOADS,
  type AsOfChoice, type ItemSpec, type Op,
} from './model-ops.js';
import type { Random } from './model-random.js';
import { lastSince, UNBOUNDED, effective } from './model-resolution.js';
import { clampKey, INTERESTING_KEYS, MAX_KEY, outOfRangeTimes, timeOfKey } from './model-times.js';
import type { DbModel, TagState } from './reference-model.js';

/**
 * Picks the next operation from the model's state: mostly requests that can succeed, with
 * the refusals of the spec mixed in (duplicates, unknown names, locked tags, back-fill,
 * wrong time kinds, out-of-range times, bad payloads), and times concentrated where 64-bit
 * bugs live.
 */

/** What the generator may look at. */
export interface World {
  readonly models: readonly DbModel[];
  /** Export files so far: the model of each. */
  readonly files: readonly { readonly model: DbModel }[];
  /** Operations of a scenario still to come (taken before anything new is picked). */
  readonly queue: Op[];
}

export function generateOp(r: Random, w: World): Op {
  const queued = w.queue.shift();
  if (queued) return queued;
  const db = r.chance(0.8) ? 0 : 1;
  const m = w.models[db]!;
  const tags = [...m.tags.values()];
  const gts = [...m.globalTags.keys()];
  const kind = r.weighted({
    resolve: 30,
    append: 24,
    listIovs: 5,
    diffTags: 2.5,
    createTag: tags.length < 3 ? 25 : 3,
    lockTag: 0.6,
    createGlobalTag: gts.length === 0 ? 8 : 2,
    setEntry: 5,
    lockGlobalTag: 2.2,
    export: gts.length ? 3 : 0,
    import: w.files.length ? 5 : 0,
    importTampered: w.files.some((f) => f.model.payloads.size > 0) ? 0.4 : 0,
    exportFileWrites: w.files.length ? 0.3 : 0,
    resetSecondary: 0.25,
    registerRecord: m.records.size < 2 ? 6 : 0.3,
    checkAll: 1.5,
    scenario: tags.some((t) => t.rows.length) ? 0.5 : 0,
  });
  switch (kind) {
    case 'createTag': {
      const name = r.chance(0.03) ? INVALID_NAME : r.pick(TAG_NAMES);
      const def = TAG_DEFS[name] ?? TAG_DEFS['ts-a']!;
      const odd = r.chance(0.15);
      const record = r.chance(0.04) ? UNKNOWN_RECORD : odd ? r.pick([SCALE, LIFETIME]) : def.record;
      return {
        k: 'createTag', db, name, record,
        timeType: odd ? r.pick<TimeType>(['run', 'timestamp']) : def.timeType,
        allowBackfill: odd ? r.chance(0.5) : def.allowBackfill,
      };
    }
    case 'lockTag':
      return { k: 'lockTag', db, tag: pickTagName(r, tags) };
    case 'append':
      return appendOp(r, db, tags);
    case 'createGlobalTag':
      return { k: 'createGlobalTag', db, name: r.chance(0.03) ? INVALID_NAME : r.pick(GT_NAMES) };
    case 'setEntry': {
      const tag = pickTagName(r, tags);
      const rec = m.tags.get(tag)?.record ?? r.pick([SCALE, LIFETIME]);
      return { k: 'setEntry', db, gt: pickGtName(r, gts), tag, record: r.chance(0.85) ? rec : r.pick([SCALE, LIFETIME]) };
    }
    case 'lockGlobalTag':
      return { k: 'lockGlobalTag', db, gt: pickGtName(r, gts), now: r.chance(0.6) };
    case 'resolve':
      return resolveOp(r, db, m);
    case 'listIovs':
      return { k: 'listIovs', db, tag: pickTagName(r, tags), history: r.chance(0.5), asOf: r.chance(0.3) ? asOfChoice(r, m) : null, limit: r.pick([null, null, 1, 2, 3, 7, 50, 10_000]) };
    case 'diffTags':
      return { k: 'diffTags', db, left: pickTagName(r, tags), right: pickTagName(r, tags), asOf: r.chance(0.2) ? asOfChoice(r, m) : null };
    case 'export':
      return { k: 'export', db, gt: pickGtName(r, gts), reusePath: w.files.length && r.chance(0.05) ? r.int(w.files.length) : null };
    case 'import':
      // Mostly into the second database, which then holds overlapping content of several exports.
      return { k: 'import', db: r.chance(0.7) ? 1 : 0, file: pickFile(r, w.files.length), dryRun: r.chance(0.25) };
    case 'importTampered': {
      const withPayloads = w.files.map((f, i) => (f.model.payloads.size ? i : -1)).filter((i) => i >= 0);
      return { k: 'importTampered', db: r.chance(0.5) ? 1 : 0, file: r.pick(withPayloads) };
    }
    case 'exportFileWrites':
      return { k: 'exportFileWrites', file: pickFile(r, w.files.length) };
    case 'resetSecondary':
      return { k: 'resetSecondary', registerRecords: r.chance(0.5) };
    case 'registerRecord':
      return { k: 'registerRecord', db, record: r.pick([SCALE, LIFETIME]) };
    case 'checkAll':
      return { k: 'checkAll', db };
    case 'scenario': {
      const [first, ...rest] = reexportScenario(r, m, w.models[0]!.globalTags.size);
      w.queue.push(...rest);
      return first!;
    }
  }
}

/**
 * Export, import, append, export with a snapshot, import twice: the second file's global
 * tag needs rows that the first import did not bring, which the second import appends with
 * its own stamp (the snapshot is then moved or the import refused), and the third import
 * adds nothing. Random operations seldom line this up.
 */
function reexportScenario(r: Random, m: DbModel, n: number): Op[] {
  const tag = r.pick([...m.tags.values()].filter((t) => t.rows.length));
  const open = `s${n}-open`;
  const frozen = `s${n}-frozen`;
  return [
    { k: 'createGlobalTag', db: 0, name: open },
    { k: 'setEntry', db: 0, gt: open, record: tag.record, tag: tag.name },
    { k: 'export', db: 0, gt: open, reusePath: null },
    { k: 'import', db: 1, file: -1, dryRun: false },
    appendTo(r, 0, tag),
    { k: 'createGlobalTag', db: 0, name: frozen },
    { k: 'setEntry', db: 0, gt: frozen, record: tag.record, tag: tag.name },
    { k: 'lockGlobalTag', db: 0, gt: frozen, now: true },
    { k: 'export', db: 0, gt: frozen, reusePath: null },
    { k: 'import', db: 1, file: -1, dryRun: true },
    { k: 'import', db: 1, file: -1, dryRun: false },
    { k: 'import', db: 1, file: -1, dryRun: false },
  ];
}

/** Mostly an existing tag; sometimes a name that does not exist (yet). */
function pickTagName(r: Random, tags: readonly TagState[]): string {
  if (tags.length === 0 || r.chance(0.06)) return r.chance(0.5) ? MISSING_NAME : r.pick(TAG_NAMES);
  return r.pick(tags).name;
}

function pickGtName(r: Random, gts: readonly string[]): string {
  if (gts.length === 0 || r.chance(0.06)) return r.chance(0.5) ? MISSING_NAME : r.pick(GT_NAMES);
  return r.pick(gts);
}

/** Recent files more often: they hold the newest content. */
function pickFile(r: Random, n: number): number {
  return r.chance(0.6) ? Math.max(0, n - 1 - r.int(3)) : r.int(n);
}

export function asOfChoice(r: Random, m: DbModel): AsOfChoice {
  const n = m.stampsMs.length;
  const k = n === 0 ? r.pick(['epoch', 'future'] as const) : r.weighted({ stamp: 85, epoch: 7, future: 8 });
  // Recent stamps half of the time: early ones mostly see nothing.
  const index = r.chance(0.5) ? n - 1 - r.int(Math.min(n, 8)) : r.int(n);
  if (k === 'stamp') return { from: 'stamp', index, delta: r.pick([-1, 0, 0, 1] as const) };
  return { from: k };
}

function appendOp(r: Random, db: number, tags: readonly TagState[]): Op {
  const name = pickTagName(r, tags);
  return appendTo(r, db, tags.find((t) => t.name === name) ?? null, name);
}

function appendTo(r: Random, db: number, tag: TagState | null, name = tag!.name): Op {
  const kind: TimeType = tag?.timeType ?? TAG_DEFS[name]?.timeType ?? 'timestamp';
  const record = tag?.record ?? TAG_DEFS[name]?.record ?? SCALE;
  const bulk = r.chance(0.6);
  const n = bulk ? (r.chance(0.02) ? 0 : r.between(1, 20)) : 1;
  // Forward batches keep a no-back-fill tag growing; chaotic ones probe every rule.
  const forward = r.chance(0.7);
  const current = tag ? effective(tag.rows, UNBOUNDED) : [];
  const items: ItemSpec[] = [];
  // At most one bad item per batch, in some batches: refusals stay a minority.
  const bad = n === 0 ? -1 : r.chance(0.1) ? r.int(n) : -1;
  for (let i = 0; i < n; i++) {
    if (i === bad) {
      items.push(badItem(r, kind, record));
      continue;
    }
    const earlier = items.length ? r.pick(items) : null;
    if (earlier && r.chance(0.08)) {
      // The same since again in one batch: the earlier item counts as current.
      items.push(r.chance(0.5) ? earlier : { since: earlier.since, payload: r.pick(VALID_PAYLOADS[record]!) });
      continue;
    }
    if (current.length && r.chance(0.1)) {
      // Re-append what is current at an existing since: must be counted unchanged.
      const e = r.pick(current);
      items.push({ since: timeOfKey(kind, e.since, r.chance(0.3)), payload: e.row.payload });
      continue;
    }
    items.push({ since: sinceFor(r, kind, tag, forward), payload: r.pick(VALID_PAYLOADS[record]!) });
  }
  return { k: 'append', db, tag: name, bulk, items };
}

/** An item the validation must refuse: a since out of range or of the other kind, or a payload the schema refuses. */
function badItem(r: Random, kind: TimeType, record: string): ItemSpec {
  const payload = r.pick(VALID_PAYLOADS[record]!);
  switch (r.weighted({ range: 4, kind: 3, payload: 3 })) {
    case 'range':
      return { since: r.pick(outOfRangeTimes(kind)), payload };
    case 'kind':
      return { since: timeOfKey(kind === 'run' ? 'timestamp' : 'run', r.pick(INTERESTING_KEYS)), payload };
    case 'payload':
      return { since: timeOfKey(kind, r.pick(INTERESTING_KEYS)), payload: r.pick(INVALID_PAYLOADS[record]!) };
  }
}

function sinceFor(r: Random, kind: TimeType, tag: TagState | null, forward: boolean): Time {
  const key = forward && tag && !tag.allowBackfill ? forwardKey(r, tag) : anyKey(r, tag);
  return timeOfKey(kind, key, r.chance(0.3));
}

/** A key at or above the tag's last since (supersede, +1, small and big steps, the next interesting key). */
function forwardKey(r: Random, tag: TagState): bigint {
  const last = lastSince(tag.rows);
  if (last === null) return anyKey(r, tag);
  const room = MAX_KEY - last;
  const k = r.weighted({ same: 15, plus1: 20, small: 20, interesting: 15, random: 15, max: 3, anyKey: 12 });
  switch (k) {
    case 'same':
      return last;
    case 'plus1':
      return clampKey(last + 1n);
    case 'small':
      return clampKey(last + BigInt(r.between(2, 1000)));
    case 'interesting': {
      const above = INTERESTING_KEYS.filter((i) => i >= last);
      return above.length ? r.pick(above.slice(0, 3)) : last;
    }
    case 'random':
      return room > 0n ? last + 1n + (r.bigint63() % room) : last;
    case 'max':
      return MAX_KEY;
    case 'anyKey':
      return anyKey(r, tag);
  }
}

/** Anywhere, but mostly next to what the tag holds and next to the interesting keys. */
function anyKey(r: Random, tag: TagState | null): bigint {
  const last = tag ? lastSince(tag.rows) : null;
  const k = r.weighted({ nearLast: last === null ? 0 : 30, existing: tag?.rows.length ? 25 : 0, interesting: 30, random: 12, ends: 3 });
  switch (k) {
    case 'nearLast':
      return clampKey(last! + BigInt(r.pick([-1, 0, 1])));
    case 'existing':
      return clampKey(r.pick(tag!.rows).since + BigInt(r.pick([-1, 0, 0, 1])));
    case 'interesting':
      return clampKey(r.pick(INTERESTING_KEYS) + BigInt(r.between(-2, 2)));
    case 'random':
      return r.bigint63();
    case 'ends':
      return r.pick([0n, MAX_KEY]);
  }
}

/** A time to look up: at sinces, one below and above them, the ends, interesting keys. */
export function probeKey(r: Random, tag: TagState | null): bigint {
  const some = tag?.rows.length ? 1 : 0;
  const k = r.weighted({ exact: 30 * some, below: 15 * some, above: 20 * some, zero: 5, max: 10, interesting: 12, random: 8 });
  const since = (): bigint => r.pick(tag!.rows).since;
  switch (k) {
    case 'exact':
      return since();
    case 'below':
      return clampKey(since() - 1n);
    case 'above':
      return clampKey(since() + 1n);
    case 'zero':
      return 0n;
    case 'max':
      return MAX_KEY;
    case 'interesting':
      return clampKey(r.pick(INTERESTING_KEYS) + BigInt(r.between(-1, 1)));
    case 'random':
      return r.bigint63();
  }
}

function resolveOp(r: Random, db: number, m: DbModel): Op {
  const asOf = r.chance(0.5) ? asOfChoice(r, m) : null;
  const recordAsName = r.chance(0.3);
  if (r.chance(0.45)) {
    const globalTag = pickGtName(r, [...m.globalTags.keys()]);
    const mapped = [...(m.globalTags.get(globalTag)?.entries.keys() ?? [])];
    const record = mapped.length && r.chance(0.85) ? r.pick(mapped) : r.pick([SCALE, LIFETIME]);
    const tagName = m.globalTags.get(globalTag)?.entries.get(record);
    const tag = tagName === undefined ? null : m.tags.get(tagName) ?? null;
    return { k: 'resolve', db, globalTag, record, recordAsName, at: probeTime(r, tag), asOf };
  }
  const tag = pickTagName(r, [...m.tags.values()]);
  const t = m.tags.get(tag) ?? null;
  return { k: 'resolve', db, tag, record: t?.record ?? r.pick([SCALE, LIFETIME]), recordAsName, at: probeTime(r, t), asOf };
}

export function probeTime(r: Random, tag: TagState | null): Time {
  const kind: TimeType = tag?.timeType ?? r.pick(['run', 'timestamp'] as const);
  // Sometimes the other kind: a ValidationError.
  return timeOfKey(r.chance(0.04) ? (kind === 'run' ? 'timestamp' : 'run') : kind, probeKey(r, tag), r.chance(0.2));
}
