import { dateToMicros } from './clock.js';

/** "No snapshot": later than any insertion time (microseconds, still an exact JS number). */
export const LATEST = Number.MAX_SAFE_INTEGER;

/** Insertion-time bound in microseconds for an optional "as of" date. */
export function asOfMicros(asOf: Date | undefined): number {
  return asOf === undefined ? LATEST : dateToMicros(asOf);
}
