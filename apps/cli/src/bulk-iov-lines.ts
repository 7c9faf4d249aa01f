import { formatZodIssues, parseTime, ValidationError, type Time, type TimeType } from '@nucal/core';
import { z } from 'zod';
import { parseJson } from './parse-args.js';

/** One line of `nucal db iov append --file`: exactly a since and a payload. */
const BulkLine = z.strictObject({
  since: z.union([z.string(), z.number()], { error: 'expected a string or an integer' }),
  payload: z.unknown(),
});

/** A since and payload read from one line. */
export interface BulkIov {
  readonly since: Time;
  readonly payload: unknown;
}

/**
 * Reads the JSON lines of a bulk append (`{"since": "...", "payload": {...}}` per line; blank
 * lines skipped). A numeric since must be an exact integer: JSON readers keep 53 bits, so
 * nanosecond timestamps (~1.8e18) written as numbers have already lost their last digits and
 * are refused with the advice to write them as strings.
 */
export function parseBulkIovLines(text: string, file: string, timeType: TimeType): BulkIov[] {
  const iovs: BulkIov[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    iovs.push(parseBulkLine(line, `line ${i + 1} of ${file}`, timeType));
  });
  if (iovs.length === 0) throw new ValidationError(`${file} has no IOV lines: expected one {"since": "...", "payload": {...}} per line`);
  return iovs;
}

function parseBulkLine(line: string, where: string, timeType: TimeType): BulkIov {
  const value = parseJson(line, where);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.hasOwn(value, 'payload')) {
    throw new ValidationError(`${where} has no "payload"`);
  }
  const r = BulkLine.safeParse(value);
  if (!r.success) throw new ValidationError(`${where} is not {"since": ..., "payload": ...}`, formatZodIssues(r.error.issues));
  const since = r.data.since;
  let text: string;
  if (typeof since === 'number') {
    const raw = rawSince(line) ?? String(since);
    if (!Number.isInteger(since)) throw new ValidationError(`${where}: "since" ${raw} is not an integer: expected a string or an integer`);
    if (!Number.isSafeInteger(since)) {
      const advice = /^\d+$/.test(raw) ? `write it as a string, "since": "${raw}"` : 'write the integer as a string of digits';
      throw new ValidationError(`${where}: "since" ${raw} is beyond 2^53, where JSON numbers lose digits: ${advice}`);
    }
    text = String(since);
  } else {
    text = since;
  }
  try {
    return { since: parseTime(text, timeType), payload: r.data.payload };
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`${where}: ${err.message}`);
    throw err;
  }
}

/** The since number as written on the line (JSON.parse has already rounded it). */
function rawSince(line: string): string | undefined {
  return /"since"\s*:\s*(-?[0-9][0-9.eE+-]*)/.exec(line)?.[1];
}
