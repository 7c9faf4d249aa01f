import { formatTime, formatTimestampIso, type Time } from '@nucal/core';

/**
 * A time as a page shows it: `run 1200:3` or the ISO-8601 UTC date with nanoseconds, and
 * "∞" for the open end of the last IOV.
 *
 * @example showTime(runTime(1200, 3)) // 'run 1200:3'
 */
export function showTime(t: Time | null): string {
  if (t === null) return '∞';
  return t.kind === 'run' ? `run ${formatTime(t)}` : formatTimestampIso(t);
}
