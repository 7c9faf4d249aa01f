import { formatTime, formatTimestampIso, type Time } from '@nucal/core';

/** Text of a time for people: runs as RUN[:SUBRUN], timestamps as ISO-8601 with nanoseconds. */
export function showTime(t: Time | null): string {
  if (t === null) return '∞';
  return t.kind === 'run' ? formatTime(t) : `${formatTimestampIso(t)} (${t.ns} ns)`;
}

/** JSON for machine-readable output: bigints as decimal strings, dates as ISO-8601. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** A plain aligned table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
