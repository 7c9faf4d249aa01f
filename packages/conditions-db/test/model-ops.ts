import type { Time, TimeType } from '@nucal/core';
import { lifetimeRecord, scale, scaleRecord } from './records.js';

/**
 * The operations of a model-based sequence, as plain data: a failure prints the last ones,
 * and a seed regenerates them. As-of dates are kept abstract (which earlier stamp, one
 * millisecond below or above it) because the stamps themselves come from the clock.
 */

export type AsOfChoice =
  | { readonly from: 'stamp'; readonly index: number; readonly delta: -1 | 0 | 1 }
  | { readonly from: 'epoch' }
  | { readonly from: 'future' };

export interface ItemSpec {
  readonly since: Time;
  readonly payload: unknown;
}

export type Op =
  | { readonly k: 'createTag'; readonly db: number; readonly name: string; readonly record: string; readonly timeType: TimeType; readonly allowBackfill: boolean }
  | { readonly k: 'lockTag'; readonly db: number; readonly tag: string }
  | { readonly k: 'append'; readonly db: number; readonly tag: string; readonly bulk: boolean; readonly items: readonly ItemSpec[] }
  | { readonly k: 'createGlobalTag'; readonly db: number; readonly name: string }
  | { readonly k: 'setEntry'; readonly db: number; readonly gt: string; readonly record: string; readonly tag: string }
  | { readonly k: 'lockGlobalTag'; readonly db: number; readonly gt: string; readonly now: boolean }
  | {
      readonly k: 'resolve'; readonly db: number; readonly tag?: string; readonly globalTag?: string;
      readonly record: string; readonly recordAsName: boolean; readonly at: Time; readonly asOf: AsOfChoice | null;
    }
  | { readonly k: 'listIovs'; readonly db: number; readonly tag: string; readonly history: boolean; readonly asOf: AsOfChoice | null; readonly limit: number | null }
  | { readonly k: 'diffTags'; readonly db: number; readonly left: string; readonly right: string; readonly asOf: AsOfChoice | null }
  /** `reusePath`: index of an earlier export whose path is given again (must be refused). */
  | { readonly k: 'export'; readonly db: number; readonly gt: string; readonly reusePath: number | null }
  /** `file`: index of an export; negative counts from the latest (-1). */
  | { readonly k: 'import'; readonly db: number; readonly file: number; readonly dryRun: boolean }
  | { readonly k: 'importTampered'; readonly db: number; readonly file: number }
  | { readonly k: 'exportFileWrites'; readonly file: number }
  | { readonly k: 'resetSecondary'; readonly registerRecords: boolean }
  | { readonly k: 'registerRecord'; readonly db: number; readonly record: string }
  | { readonly k: 'checkAll'; readonly db: number };

export const SCALE = scaleRecord.name;
export const LIFETIME = lifetimeRecord.name;
/** A well-formed record name that is never registered. */
export const UNKNOWN_RECORD = 'test.unregistered';

/** Tag names and what a tag of that name usually is (so that two databases often agree). */
export const TAG_DEFS: Readonly<Record<string, { record: string; timeType: TimeType; allowBackfill: boolean }>> = {
  'ts-a': { record: SCALE, timeType: 'timestamp', allowBackfill: false },
  'ts-b': { record: LIFETIME, timeType: 'timestamp', allowBackfill: false },
  'ts-c': { record: SCALE, timeType: 'timestamp', allowBackfill: true },
  'ts-d': { record: SCALE, timeType: 'timestamp', allowBackfill: false },
  'run-a': { record: SCALE, timeType: 'run', allowBackfill: false },
  'run-b': { record: LIFETIME, timeType: 'run', allowBackfill: false },
  'run-c': { record: SCALE, timeType: 'run', allowBackfill: true },
  'run-d': { record: LIFETIME, timeType: 'run', allowBackfill: true },
};
export const TAG_NAMES = Object.keys(TAG_DEFS);
export const GT_NAMES = ['g0', 'g1', 'g2'];
/** Names that never exist, and one that is not a valid name at all. */
export const MISSING_NAME = 'missing';
export const INVALID_NAME = 'bad name!';

/** A small pool per record, so that equal payloads recur (unchanged re-appends, shared payloads). */
export const VALID_PAYLOADS: Readonly<Record<string, readonly unknown[]>> = {
  [SCALE]: [1, 2, 3, 5, 8].map(scale),
  [LIFETIME]: [
    { tpc: 0, lifetimeMs: 1.5 },
    { tpc: 1, lifetimeMs: 1.5 },
    { tpc: 0, lifetimeMs: 40 },
    { tpc: 2, lifetimeMs: 7 },
  ],
};

/** Payloads the record's schema refuses (a bad value, or the other record's layout). */
export const INVALID_PAYLOADS: Readonly<Record<string, readonly unknown[]>> = {
  [SCALE]: [{ ...scale(1), y0PePerMeV: -1 }, { tpc: 0, lifetimeMs: 1.5 }, { ...scale(2), fit: { chi2: 1, ndof: 0.5 } }],
  [LIFETIME]: [{ tpc: -1, lifetimeMs: 1 }, scale(1), { tpc: 0, lifetimeMs: 'long' }],
};

/** Longest op shown in a failure message (the replay has the whole of it). */
const SHOWN = 800;

/** Compact JSON of an op for failure messages: times as `run 5:0` / `ts 123`, bigints as `123n`. */
export function showOp(op: Op, index: number): string {
  const text = JSON.stringify(op, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    const t = v as { kind?: unknown; run?: unknown; subrun?: unknown; ns?: unknown } | null;
    if (t && typeof t === 'object' && t.kind === 'run') return `run ${String(t.run)}${t.subrun === undefined ? '' : `:${String(t.subrun)}`}`;
    if (t && typeof t === 'object' && t.kind === 'timestamp') return `ts ${String(t.ns)}`;
    return v;
  });
  return `#${index} ${text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text}`;
}
