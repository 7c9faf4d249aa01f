import { timeFromKey, timeKey, ValidationError, type Time } from '@nucal/core';
import type { DbContext } from './context.js';
import { getGlobalTag } from './global-tags.js';
import { listIovs } from './iovs.js';
import { getTag } from './tags.js';
import type { IovInfo } from './types.js';

/** An interval where two tags give different payloads (null: no IOV there). */
export interface TagDiffEntry {
  readonly since: Time;
  readonly until: Time | null;
  readonly left: string | null;
  readonly right: string | null;
}

/** A record whose tag differs between two global tags. */
export interface GlobalTagDiffEntry {
  readonly record: string;
  readonly left: string | null;
  readonly right: string | null;
}

/** Every effective IOV of a tag, all pages. */
export async function allIovs(ctx: DbContext, tag: string, asOf?: Date): Promise<IovInfo[]> {
  const out: IovInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await listIovs(ctx, tag, { limit: 10_000, ...(asOf ? { asOf } : {}), ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * Compares what two tags of the same time type give over time: the intervals where the
 * payloads differ, adjacent equal differences merged. Empty when the tags are equivalent.
 */
export async function diffTags(ctx: DbContext, left: string, right: string, opts: { asOf?: Date } = {}): Promise<TagDiffEntry[]> {
  const [lt, rt] = await Promise.all([getTag(ctx, left), getTag(ctx, right)]);
  if (lt.timeType !== rt.timeType) throw new ValidationError(`tags ${left} (${lt.timeType}) and ${right} (${rt.timeType}) use different time types: cannot compare`);
  const [a, b] = await Promise.all([allIovs(ctx, left, opts.asOf), allIovs(ctx, right, opts.asOf)]);
  const keys = [...new Set([...a, ...b].map((i) => timeKey(i.since)))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const at = (list: IovInfo[], k: bigint, state: { i: number }): string | null => {
    while (state.i + 1 < list.length && timeKey(list[state.i + 1]!.since) <= k) state.i++;
    const cur = list[state.i];
    return cur && timeKey(cur.since) <= k ? cur.hash : null;
  };
  const sa = { i: -1 };
  const sb = { i: -1 };
  const out: { since: bigint; until: bigint | null; left: string | null; right: string | null }[] = [];
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n]!;
    const l = at(a, k, sa);
    const r = at(b, k, sb);
    const until = keys[n + 1] ?? null;
    const prev = out[out.length - 1];
    if (l === r) continue;
    if (prev && prev.until === k && prev.left === l && prev.right === r) prev.until = until;
    else out.push({ since: k, until, left: l, right: r });
  }
  return out.map((d) => ({ since: timeFromKey(lt.timeType, d.since), until: d.until === null ? null : timeFromKey(lt.timeType, d.until), left: d.left, right: d.right }));
}

/** Records mapped to different tags (or mapped in only one) by two global tags. */
export async function diffGlobalTags(ctx: DbContext, left: string, right: string): Promise<GlobalTagDiffEntry[]> {
  const [a, b] = await Promise.all([getGlobalTag(ctx, left), getGlobalTag(ctx, right)]);
  const la = new Map(a.entries.map((e) => [e.record, e.tag]));
  const lb = new Map(b.entries.map((e) => [e.record, e.tag]));
  const records = [...new Set([...la.keys(), ...lb.keys()])].sort();
  return records
    .map((record) => ({ record, left: la.get(record) ?? null, right: lb.get(record) ?? null }))
    .filter((d) => d.left !== d.right);
}
