import { parseTime, ValidationError, type Time, type TimeType } from '@nucal/core';

/**
 * Reads a time given as text in a query or a request body, in the CLI's forms: `RUN[:SUBRUN]`
 * for run tags, nanoseconds or an ISO-8601 date (UTC without a zone) for timestamp tags, as
 * `parseTime` accepts them. A prefix `run:` or `ts:` (also `timestamp:`) names the kind
 * explicitly; without one the kind is the tag's (`tagKind`).
 *
 * @example
 * timeFromText('run:42:3')            // { kind: 'run', run: 42n, subrun: 3n }
 * timeFromText('42', 'run')           // { kind: 'run', run: 42n }
 * timeFromText('ts:2026-11-24')       // midnight UTC, as nanoseconds
 */
export function timeFromText(text: string, tagKind?: TimeType, what = 'time'): Time {
  const m = /^(run|ts|timestamp):(.*)$/s.exec(text);
  const kind: TimeType | undefined = m ? (m[1] === 'run' ? 'run' : 'timestamp') : tagKind;
  if (kind === undefined) throw new ValidationError(`${what} "${text}" has no kind: expected run:RUN[:SUBRUN] or ts:NS|ISO-8601`);
  try {
    return parseTime(m ? m[2]! : text, kind);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`${what}: ${err.message}`);
    throw err;
  }
}

/**
 * The text form the HTTP provider sends: explicit kind, exact integers, so that every job
 * asking for the same time asks for the same URL (what lets a proxy cache answer them).
 *
 * @example timeToText({ kind: 'run', run: 42n }) // 'run:42:0'
 */
export function timeToText(t: Time): string {
  return t.kind === 'run' ? `run:${t.run}:${t.subrun ?? 0n}` : `ts:${t.ns}`;
}
