/**
 * Password redaction for everything the CLI prints.
 *
 * Local until `@nucal/conditions-db` exports its own `redactUrl` from the package index; then
 * `redactUrl` here should become a re-export. Kept stricter than a plain `[^@]*@` pattern: a
 * password may contain `@` (URL parsers take the LAST `@` before the path as the end of the
 * user info), so the pattern runs up to that last `@`.
 */

// scheme://user:password@host... -> the password is everything between the first ':' of the
// user info and the last '@' before the path, query or fragment. A scheme starts only where a
// run of scheme characters starts (the lookbehind) and is at most 32 characters long: without
// that, every position of a long word is a new attempt that rescans the word, which takes
// seconds on a 100 kB argument.
const URL_PASSWORD = /((?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^:/?#@\s]*):[^/?#\s]*@/gi;
// key=value connection strings (libpq style): password=...
const KEYWORD_PASSWORD = /(password\s*=\s*)('[^']*'|[^\s&;]+)/gi;

/**
 * The URL with its password replaced by `***`: what may be printed.
 *
 * @example
 * redactUrl('postgres://calib:s3cret@db.example:5432/conditions') // 'postgres://calib:***@db.example:5432/conditions'
 * redactUrl('./nucal.sqlite')                                       // unchanged
 */
export function redactUrl(url: string): string {
  return redactText(url);
}

/** Every URL password and `password=` value in a text replaced by `***`. */
export function redactText(text: string): string {
  return text.replace(URL_PASSWORD, '$1:***@').replace(KEYWORD_PASSWORD, '$1***');
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
