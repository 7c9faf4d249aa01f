/**
 * Text that is safe to print as a single terminal line: control characters (newlines,
 * carriage returns, escape sequences, NUL) and Unicode line/paragraph separators are shown as
 * escapes, so a name or note typed with a newline cannot split an error line or move the
 * cursor; long texts are cut so one line stays readable.
 *
 * @example
 * oneLine('tag "a\nb" does not exist') // 'tag "a\\nb" does not exist'
 */
export function oneLine(text: string, maxLength = 2000): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (escaped.length <= maxLength) return escaped;
  return `${escaped.slice(0, maxLength)}... (${escaped.length - maxLength} more characters)`;
}
