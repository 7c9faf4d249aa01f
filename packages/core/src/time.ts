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

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** A calendar instant read strictly: nanoseconds since the epoch (may be negative before 1970). */
function parseIsoNs(text: string, what: string): bigint {
  const m = ISO.exec(text);
  if (!m) {
    throw new ValidationError(`${what} "${text}" is not a date: expected ISO-8601 such as 2026-11-24, 2026-11-24T12:00:00Z or 2026-11-24T12:00:00.123456789+01:00`);
  }
  const [, y, mo, d, hh = '00', mm = '00', ss = '00', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(hh);
  const minute = Number(mm);
  const second = Number(ss);
  if (month < 1 || month > 12) throw new ValidationError(`${what} "${text}" has month ${mo}: expected 01..12`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) throw new ValidationError(`${what} "${text}" has day ${d}: ${y}-${mo} has days 01..${String(days).padStart(2, '0')}`);
  if (hour > 23) throw new ValidationError(`${what} "${text}" has hour ${hh}: expected 00..23 (24:00 is written as the next day's 00:00)`);
  if (minute > 59) throw new ValidationError(`${what} "${text}" has minute ${mm}: expected 00..59`);
  if (second > 59) throw new ValidationError(`${what} "${text}" has second ${ss}: expected 00..59 (leap seconds are not represented: times are POSIX time)`);
  let offsetMin = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const oh = Number(z[2]);
    const om = Number(z[3]);
    if (oh > 23 || om > 59) throw new ValidationError(`${what} "${text}" has zone offset ${zone}: expected -23:59..+23:59`);
    offsetMin = (z[1] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  return BigInt(ms) * 1_000_000n + BigInt(frac.padEnd(9, '0'));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses the text form of {@link formatTime} for a tag of the given time type.
 *
 * Dates are read strictly (no 02-30, no 24:00, no leap second 60) and **a date without a
 * zone is UTC**: the same rule for every option and every command, whatever the machine's
 * `TZ`.
 *
 * @example
 * parseTime('1234:5', 'run')                 // { kind: 'run', run: 1234n, subrun: 5n }
 * parseTime('2026-11-24T00:00:00Z', 'timestamp')
 * parseTime('2026-11-24', 'timestamp')       // midnight UTC
 */
export function parseTime(text: string, kind: TimeType): Time {
  if (typeof text !== 'string') throw new ValidationError(`time ${String(text)} is not text: expected a ${kind} time`);
  const s = text.trim();
  if (kind === 'run') {
    const m = /^(\d+)(?::(\d+))?$/.exec(s);
    if (!m) throw new ValidationError(`time "${text}" is not a run: expected RUN or RUN:SUBRUN with non-negative integers`);
    return runTime(BigInt(m[1]!), m[2] === undefined ? 0n : BigInt(m[2]));
  }
  if (/^\d+$/.test(s)) return timestampTime(BigInt(s));
  const ns = parseIsoNs(s, 'time');
  if (ns < 0n || ns > MAX_TIMESTAMP_NS) {
    throw new ValidationError(`time "${text}" is out of range: expected a date from 1970-01-01T00:00:00Z to 2262-04-11T23:47:16.854775807Z`);
  }
  return timestampTime(ns);
}

/**
 * Parses a wall-clock instant (an "as of" bound, a snapshot): ISO-8601, strict, UTC when no
 * zone is given, at most millisecond precision (insertion times are compared per millisecond).
 *
 * @example
 * parseInstant('2026-11-24T12:00:00.250Z') // Date
 * parseInstant('2026-11-24')               // midnight UTC, never local time
 */
export function parseInstant(text: string, what = 'date'): Date {
  if (typeof text !== 'string') throw new ValidationError(`${what} ${String(text)} is not text: expected an ISO-8601 date`);
  const s = text.trim();
  const ns = parseIsoNs(s, what);
  if (ns % 1_000_000n !== 0n) throw new ValidationError(`${what} "${text}" has more than millisecond precision: expected at most 3 fraction digits`);
  const ms = Number(ns / 1_000_000n);
  if (ms < 0 || ms > 8.64e15) throw new ValidationError(`${what} "${text}" is out of range: expected a date from 1970 on`);
  return new Date(ms);
}

/**
 * zod schema of the one JSON form of a time, used by every `--json` output and the HTTP API:
 * integers as decimal strings (exact beyond 2^53), the subrun always present, and `text`, the
 * form a person reads (`RUN[:SUBRUN]`, or ISO-8601 UTC with nanoseconds).
 *
 * @example
 * { kind: 'run', run: '100', subrun: '0', text: '100' }
 * { kind: 'timestamp', ns: '1795478400000000001', text: '2026-11-24T00:00:00.000000001Z' }
 */
export const TimeJsonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), run: z.string().regex(/^\d+$/), subrun: z.string().regex(/^\d+$/), text: z.string() }),
  z.object({ kind: z.literal('timestamp'), ns: z.string().regex(/^\d+$/), text: z.string() }),
]);
export type TimeJson = z.infer<typeof TimeJsonSchema>;

/** JSON form of a time (see {@link TimeJsonSchema}). */
export function timeToJson(t: Time): TimeJson {
  if (t.kind === 'timestamp') return { kind: 'timestamp', ns: t.ns.toString(), text: formatTimestampIso(t) };
  return { kind: 'run', run: t.run.toString(), subrun: (t.subrun ?? 0n).toString(), text: formatTime(t) };
}

/** Inverse of {@link timeToJson}, range-checked; `subrun` and `text` may be left out (text is ignored). */
export function timeFromJson(j: { kind: 'run'; run: string; subrun?: string } | { kind: 'timestamp'; ns: string }): Time {
  if (j.kind === 'timestamp') {
    if (!/^\d+$/.test(j.ns)) throw new ValidationError(`timestamp "${j.ns}" is not a decimal integer of nanoseconds`);
    return timestampTime(BigInt(j.ns));
  }
  if (!/^\d+$/.test(j.run) || (j.subrun !== undefined && !/^\d+$/.test(j.subrun))) throw new ValidationError(`run time ${j.run}:${j.subrun ?? ''} is not made of decimal integers`);
  return runTime(BigInt(j.run), BigInt(j.subrun ?? '0'));
}

/** True for a {@link Time} value (what JSON output converts with {@link timeToJson}). */
export function isTime(v: unknown): v is Time {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (t.kind === 'run' && typeof t.run === 'bigint') || (t.kind === 'timestamp' && typeof t.ns === 'bigint');
}
