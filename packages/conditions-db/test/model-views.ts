import type { Time, TimeType } from '@nucal/core';
import type { GlobalTagState, TagState } from './reference-model.js';

/**
 * What the API must answer, in comparable form: times as `kind:key` text, dates as
 * milliseconds. The database's answers are turned into the same shapes (model-compare.ts).
 */

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

export function tagView(t: TagState): TagView {
  return { name: t.name, record: { name: t.record, version: t.version }, timeType: t.timeType, state: t.locked ? 'locked' : 'open', allowBackfill: t.allowBackfill };
}

/** `snapshot: 'new'`: a snapshot the operation takes now (its Date comes from the database). */
export function gtView(g: GlobalTagState, snapshot?: 'new'): GlobalTagView {
  return {
    name: g.name,
    state: g.locked ? 'locked' : 'open',
    snapshot: snapshot ?? g.snapshot?.ms ?? null,
    entries: [...g.entries].map(([record, tag]) => ({ record, tag })).sort((x, y) => (x.record < y.record ? -1 : x.record > y.record ? 1 : 0)),
  };
}
