/**
 * CSV text (RFC 4180): a header row, then one row per record, lines ended by CRLF. A field
 * holding a comma, a double quote, CR or LF is quoted and its quotes doubled; nothing else is
 * quoted. (No CSV writer is a dependency of the CLI, and this is all RFC 4180 asks.)
 *
 * @example toCsv(['tag', 'description'], [['a', 'say "hi", then go']]) // 'tag,description\r\na,"say ""hi"", then go"\r\n'
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One field, quoted when it must be (a null is an empty field). */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
