import { ValidationError } from '@nucal/core';
import { dateToBound } from './clock.js';

/** "No snapshot": later than any insertion stamp (microseconds, still an exact JS number). */
export const LATEST = Number.MAX_SAFE_INTEGER;

/** Insertion-stamp bound in microseconds for an optional "as of" date (its whole millisecond included). */
export function asOfMicros(asOf: Date | undefined): number {
  if (asOf === undefined) return LATEST;
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime()) || asOf.getTime() < 0) {
    throw new ValidationError(`as-of ${String(asOf)} is invalid: expected a Date from 1970 on`);
  }
  return Math.min(LATEST, dateToBound(asOf));
}
