import { isDeepStrictEqual } from 'node:util';
import { ConflictError, NotFoundError, PermissionError, ValidationError, type Resolution, type Time } from '@nucal/core';
import type { GlobalTagInfo, IovInfo, TagDiffEntry, TagInfo } from '../src/index.js';
import type { ErrorClass, Outcome } from './model-outcome.js';
import type { DiffView, GlobalTagView, IovView, ResolutionView, TagView } from './model-views.js';

/**
 * Turning the database's answers into the model's views, and comparing: times as
 * `kind:key` text (so `{ run: 5n }` and `{ run: 5n, subrun: 0n }` are one time), dates as
 * milliseconds, errors by class.
 */

/** A difference between the database and the model. */
export class Disagreement extends Error {
  override readonly name = 'Disagreement';
}

/** The error class of a refusal; null for anything else (a crash is never a valid refusal). */
export function errorClass(err: unknown): ErrorClass | null {
  if (err instanceof ValidationError) return 'ValidationError';
  if (err instanceof NotFoundError) return 'NotFoundError';
  if (err instanceof ConflictError) return 'ConflictError';
  if (err instanceof PermissionError) return 'PermissionError';
  return null;
}

/** Compact JSON for messages: bigints as `123n`, payload hashes shortened to 12 digits. */
export function show(v: unknown): string {
  const text = JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? `${x}n` : typeof x === 'string' && /^[0-9a-f]{64}$/.test(x) ? `${x.slice(0, 12)}…` : x,
  );
  return text === undefined ? String(v) : text.length > 1500 ? `${text.slice(0, 1500)}...` : text;
}

function describeOutcome(o: Outcome<unknown>): string {
  const parts: string[] = [];
  if (o.ok !== undefined) parts.push('success');
  if (o.refuse?.length) parts.push(`refusal (${o.refuse.join(' or ')}${o.why ? `: ${o.why}` : ''})`);
  return parts.join(' or ');
}

/** Outcomes by operation (`append ok`, `resolve NotFoundError`, ...): printed with NUCAL_MODEL_STATS=1 to check what the generator reaches. */
export const tally = new Map<string, number>();
const count = (what: string, outcome: string) => {
  const key = `${what.split(' ')[0]} ${outcome}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
};

/**
 * Runs the database side of an operation and checks it against the predicted outcome:
 * returns the plan and the result when both succeeded, null when both refused.
 */
export async function settle<P, R>(what: string, expected: Outcome<P>, act: () => Promise<R>): Promise<{ plan: P; result: R } | null> {
  let result: R;
  try {
    result = await act();
  } catch (err) {
    const cls = errorClass(err);
    if (cls !== null && expected.refuse?.includes(cls)) {
      count(what, cls);
      return null;
    }
    const name = err instanceof Error ? `${cls ?? err.constructor.name}: ${err.message}` : String(err);
    throw new Disagreement(`${what}: expected ${describeOutcome(expected)}, got ${name.slice(0, 600)}`, { cause: err });
  }
  if (expected.ok === undefined) throw new Disagreement(`${what}: expected ${describeOutcome(expected)}, got success: ${show(result)}`);
  count(what, expected.refuse ? 'ok (either)' : 'ok');
  return { plan: expected.ok, result };
}

/** Deep equality, or a Disagreement naming the first differing element of a list. */
export function same(what: string, expected: unknown, got: unknown): void {
  if (isDeepStrictEqual(expected, got)) return;
  if (Array.isArray(expected) && Array.isArray(got)) {
    const n = Math.max(expected.length, got.length);
    for (let i = 0; i < n; i++) {
      if (!isDeepStrictEqual(expected[i], got[i])) {
        throw new Disagreement(`${what}: ${expected.length} expected, ${got.length} got; first difference at [${i}]: expected ${show(expected[i])}, got ${show(got[i])}`);
      }
    }
  }
  throw new Disagreement(`${what}: expected ${show(expected)}, got ${show(got)}`);
}

export function timeView(t: Time | null | undefined): string | null {
  if (t === null || t === undefined) return null;
  const key = t.kind === 'run' ? t.run * 2n ** 32n + (t.subrun ?? 0n) : t.ns;
  return `${t.kind}:${key}`;
}

const ms = (d: unknown): number => (d instanceof Date ? d.getTime() : NaN);

export function tagInfoView(t: TagInfo): TagView {
  return { name: t.name, record: { name: t.record.name, version: t.record.version }, timeType: t.timeType, state: t.state, allowBackfill: t.allowBackfill };
}

export function gtInfoView(g: GlobalTagInfo): GlobalTagView {
  return {
    name: g.name,
    state: g.state,
    snapshot: g.snapshot === null ? null : ms(g.snapshot),
    entries: g.entries.map((e) => ({ record: e.record, tag: e.tag })),
  };
}

export function resolutionView(r: Resolution<unknown>): ResolutionView {
  return {
    tag: r.tag,
    globalTag: r.globalTag ?? null,
    record: { name: r.record.name, version: r.record.version },
    hash: r.hash,
    payload: r.payload,
    since: timeView(r.since)!,
    until: timeView(r.until),
    insertedAt: ms(r.insertedAt),
  };
}

export function iovView(i: IovInfo): IovView {
  return { since: timeView(i.since)!, until: timeView(i.until), hash: i.hash, insertedAt: ms(i.insertedAt), current: i.current };
}

export function diffView(d: TagDiffEntry): DiffView {
  return { since: timeView(d.since)!, until: timeView(d.until), left: d.left, right: d.right };
}
