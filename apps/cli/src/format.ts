import { formatTime, formatTimestampIso, isTime, timeToJson, type Measurement, type Time } from '@nucal/core';

/** Text of a time for people: runs as RUN[:SUBRUN], timestamps as ISO-8601 with nanoseconds. */
export function showTime(t: Time | null): string {
  if (t === null) return '∞';
  return t.kind === 'run' ? formatTime(t) : `${formatTimestampIso(t)} (${t.ns} ns)`;
}

/**
 * `value ± error` for people, the error with two significant digits and the value to the same
 * decimal place (an exact value, error 0, is shown with up to six significant digits).
 *
 * @example showMeasurement({ value: 1.600123, error: 0.000112, unit: 'mm/us' }) // '1.60012 ± 0.00011'
 */
export function showMeasurement(m: Measurement): string {
  if (!(m.error > 0)) return String(Number(m.value.toPrecision(6)));
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(m.error)));
  if (decimals > 12) return `${m.value.toPrecision(6)} ± ${m.error.toPrecision(2)}`;
  return `${m.value.toFixed(decimals)} ± ${m.error.toFixed(decimals)}`;
}

/**
 * JSON for machine-readable output: times in their one JSON form (kind, run and subrun or ns,
 * and text), other bigints as decimal strings, dates as ISO-8601.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: unknown, _k, v: unknown) {
      if (isTime(v)) return timeToJson(v);
      return typeof v === 'bigint' ? v.toString() : v;
    },
    2,
  );
}

/** A plain aligned table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
