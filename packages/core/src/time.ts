import { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * A point in detector time, lossless: run numbers and nanosecond timestamps are bigints
 * because nanoseconds since the epoch exceed 2^53 and would be rounded by a JS number.
 *
 * @example
 * const t: Time = { kind: 'timestamp', ns: 1_764_000_000_000_000_000n };
 * const r: Time = { kind: 'run', run: 1234n, subrun: 5n };
 */
export type Time = RunTime | TimestampTime;
/** A run (and optional subrun, default 0). */
export interface RunTime {
  readonly kind: 'run';
  readonly run: bigint;
  readonly subrun?: bigint;
}
/** Nanoseconds since the Unix epoch (UTC). */
export interface TimestampTime {
  readonly kind: 'timestamp';
  readonly ns: bigint;
}
/** The two time types a tag can use. */
export type TimeType = Time['kind'];
export const TimeTypeSchema = z.enum(['run', 'timestamp']);

/** Largest run number: runs and subruns share one signed 64-bit key (run * 2^32 + subrun). */
export const MAX_RUN = 2n ** 31n - 1n;
/** Largest subrun number. */
export const MAX_SUBRUN = 2n ** 32n - 1n;
/** Largest timestamp: 2^63 - 1 ns, about the year 2262, the range of a signed 64-bit column. */
export const MAX_TIMESTAMP_NS = 2n ** 63n - 1n;

/** Builds a run time, checking the range. */
export function runTime(run: bigint | number, subrun: bigint | number = 0n): RunTime {
  const r = toBigInt(run, 'run');
  const s = toBigInt(subrun, 'subrun');
  checkRun(r, s);
  return s === 0n ? { kind: 'run', run: r } : { kind: 'run', run: r, subrun: s };
}

/** Builds a timestamp time from nanoseconds since the epoch, checking the range. */
export function timestampTime(ns: bigint | number): TimestampTime {
  const v = toBigInt(ns, 'timestamp');
  checkNs(v);
  return { kind: 'timestamp', ns: v };
}

function checkRun(r: bigint, s: bigint): void {
  if (r < 0n || r > MAX_RUN) throw new ValidationError(`run ${r} is out of range: expected an integer 0..${MAX_RUN}`);
  if (s < 0n || s > MAX_SUBRUN) throw new ValidationError(`subrun ${s} is out of range: expected an integer 0..${MAX_SUBRUN}`);
}

function checkNs(v: bigint): void {
  if (v < 0n || v > MAX_TIMESTAMP_NS) {
    throw new ValidationError(`timestamp ${v} ns is out of range: expected 0..${MAX_TIMESTAMP_NS} ns since 1970-01-01T00:00:00Z`);
  }
}

/**
 * {@link timeKey} of a time built elsewhere (a literal, JSON), after the range checks of
 * {@link runTime} / {@link timestampTime}; cheaper than rebuilding the time.
 */
export function checkedTimeKey(t: Time): bigint {
  if (t.kind === 'run') checkRun(t.run, t.subrun ?? 0n);
  else checkNs(t.ns);
  return timeKey(t);
}

function toBigInt(v: bigint | number, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v)) throw new ValidationError(`${what} ${v} is not an exact integer: expected a safe integer or a bigint`);
  return BigInt(v);
}

/**
 * Orders times as a signed 64-bit integer key, the form stored in the database:
 * run * 2^32 + subrun for runs, nanoseconds for timestamps.
 */
export function timeKey(t: Time): bigint {
  return t.kind === 'run' ? (t.run << 32n) + (t.subrun ?? 0n) : t.ns;
}

/** Inverse of {@link timeKey} for a given time type. */
export function timeFromKey(kind: TimeType, key: bigint): Time {
  return kind === 'run' ? runTime(key >> 32n, key & 0xffff_ffffn) : timestampTime(key);
}

/** -1, 0 or 1; throws when the two times are of different kinds. */
export function compareTime(a: Time, b: Time): -1 | 0 | 1 {
  if (a.kind !== b.kind) throw new ValidationError(`cannot compare a ${a.kind} time with a ${b.kind} time`);
  const ka = timeKey(a);
  const kb = timeKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Text form: `1234` or `1234:5` for runs; for timestamps an integer of nanoseconds or an
 * ISO-8601 UTC date with up to nine fraction digits (`2026-11-24T12:00:00.123456789Z`).
 */
export function formatTime(t: Time): string {
  if (t.kind === 'run') return t.subrun ? `${t.run}:${t.subrun}` : `${t.run}`;
  return `${t.ns}`;
}

/** ISO-8601 UTC form of a timestamp with nanosecond fraction, for display. */
export function formatTimestampIso(t: TimestampTime): string {
  const ms = t.ns / 1_000_000n;
  const fracNs = t.ns % 1_000_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  return `${base}.${fracNs.toString().padStart(9, '0')}Z`;
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the text form of {@link formatTime} for a tag of the given time type.
 *
 * @example
 * parseTime('1234:5', 'run')                 // { kind: 'run', run: 1234n, subrun: 5n }
 * parseTime('2026-11-24T00:00:00Z', 'timestamp')
 */
export function parseTime(text: string, kind: TimeType): Time {
  const s = text.trim();
  if (kind === 'run') {
    const m = /^(\d+)(?::(\d+))?$/.exec(s);
    if (!m) throw new ValidationError(`time "${text}" is not a run: expected RUN or RUN:SUBRUN with non-negative integers`);
    return runTime(BigInt(m[1]!), m[2] === undefined ? 0n : BigInt(m[2]));
  }
  if (/^\d+$/.test(s)) return timestampTime(BigInt(s));
  const m = ISO.exec(s);
  if (!m) {
    throw new ValidationError(
      `time "${text}" is not a timestamp: expected nanoseconds since the epoch or an ISO-8601 date such as 2026-11-24T12:00:00Z`,
    );
  }
  const [, date, hh = '00', mm = '00', ss = '00', frac = '', zone = 'Z'] = m;
  const ms = Date.parse(`${date}T${hh}:${mm}:${ss}${zone === 'Z' ? 'Z' : zone}`);
  if (Number.isNaN(ms)) throw new ValidationError(`time "${text}" is not a valid calendar date`);
  return timestampTime(BigInt(ms) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0'));
}

/** zod schema of the JSON form of a time: `{ kind: 'run', run: '1234', subrun?: '5' }` or `{ kind: 'timestamp', ns: '...' }`. */
export const TimeJsonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), run: z.string().regex(/^\d+$/), subrun: z.string().regex(/^\d+$/).optional() }),
  z.object({ kind: z.literal('timestamp'), ns: z.string().regex(/^\d+$/) }),
]);
export type TimeJson = z.infer<typeof TimeJsonSchema>;

/** JSON-safe form of a time (bigints as decimal strings). */
export function timeToJson(t: Time): TimeJson {
  if (t.kind === 'timestamp') return { kind: 'timestamp', ns: t.ns.toString() };
  return t.subrun ? { kind: 'run', run: t.run.toString(), subrun: t.subrun.toString() } : { kind: 'run', run: t.run.toString() };
}

/** Inverse of {@link timeToJson}, range-checked. */
export function timeFromJson(j: TimeJson): Time {
  return j.kind === 'timestamp' ? timestampTime(BigInt(j.ns)) : runTime(BigInt(j.run), BigInt(j.subrun ?? '0'));
}
