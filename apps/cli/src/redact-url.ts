/**
 * Password redaction for everything the CLI prints: the conditions database's own redaction
 * (URL passwords up to the last '@', `password=` values), plus a scrubber for passwords that a
 * driver might quote outside their URL.
 */
import { redactUrl } from '@nucal/conditions-db';

export { redactUrl };

/** Every URL password and `password=` value in a text replaced by `***`. */
export function redactText(text: string): string {
  return redactUrl(text);
}

/**
 * The password of a database URL, raw and percent-decoded, or [] when it has none. Used to
 * scrub a password that a driver might quote outside its URL.
 */
export function passwordsOf(url: string): string[] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:([^/?#\s]*)@/i.exec(url);
  if (!m || m[1] === '') return [];
  const raw = m[1]!;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // a malformed %-escape: the raw form is all there is
  }
  return [...new Set([raw, decoded])];
}

// Replacing every occurrence of a very short password would garble the rest of a message
// ("a" in "database") while protecting little: such passwords are only redacted inside URLs.
const MIN_SCRUBBED_LENGTH = 4;

/**
 * A function that redacts URL passwords in a text and also replaces every literal occurrence
 * of the passwords of `urls` (at least 4 characters long) with `***`.
 */
export function secretScrubber(urls: readonly string[]): (text: string) => string {
  const secrets = urls
    .flatMap(passwordsOf)
    .filter((s) => s.length >= MIN_SCRUBBED_LENGTH)
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let t = redactText(text);
    for (const s of secrets) t = t.split(s).join('***');
    return t;
  };
}
