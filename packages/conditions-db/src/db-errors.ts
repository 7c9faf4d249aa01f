import { ConflictError, DatabaseError, NucalError, PermissionError } from '@nucal/core';

/**
 * Turns what a driver or knex threw into one of nucal's errors, with a message that names
 * the database (redacted) and never carries SQL text, a stack or a password.
 */
export function translateDbError(err: unknown, what: string, location: string): NucalError {
  if (err instanceof NucalError) return err;
  const e = (err ?? {}) as { code?: string; errno?: number; message?: string };
  const raw = String(e.message ?? err);
  // knex prefixes driver messages with the whole SQL text: keep only the driver's words.
  const msg = redactSecrets(raw.split(' - ').pop()!.split('\n')[0]!.slice(0, 300));
  const code = e.code ?? '';
  const at = `database ${location}`;
  if (code === '23505' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(msg))) return new ConflictError(`${what} failed: it already exists (${msg})`);
  if (code === '42501' || code === 'SQLITE_READONLY' || /permission denied|row-level security/i.test(msg)) {
    return new PermissionError(`${what} refused by ${at}: ${msg}`);
  }
  if (code === 'SQLITE_BUSY' || code === '55P03' || /database is locked/i.test(msg)) {
    return new DatabaseError('busy', `${at} is busy: another writer held its lock past the timeout (${what})`, { cause: err });
  }
  if (/Migration table is already locked/i.test(raw)) {
    return new DatabaseError('migration-lock', `${at} is being initialised or upgraded by another process`, { cause: err });
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN', '57P03'].includes(code) || /Timeout acquiring a connection|Connection terminated/i.test(raw)) {
    return new DatabaseError('unreachable', `${at} is unreachable (${code || 'timeout'})`, { cause: err });
  }
  if (code === '28P01' || code === '28000') return new DatabaseError('authentication', `${at} refused the credentials (${code})`, { cause: err });
  if (code === '3D000') return new DatabaseError('missing', `${at} does not exist on the server`, { cause: err });
  if (code === 'SQLITE_NOTADB') return new DatabaseError('not-nucal', `${at} is not a SQLite database`, { cause: err });
  if (code === 'SQLITE_CORRUPT') return new DatabaseError('corrupt', `${at} is corrupt (${msg})`, { cause: err });
  if (code === 'SQLITE_CANTOPEN') return new DatabaseError('missing', `${at} cannot be opened (${msg})`, { cause: err });
  if (code === '22003' || code === '22001') return new DatabaseError('other', `${what} failed: a value is out of the column's range (${msg})`, { cause: err });
  return new DatabaseError('other', `${what} failed on ${at}: ${msg}`, { cause: err });
}

// scheme://user:password@host... -> the password is everything between the first ':' of the
// user info and the LAST '@' before the path (URL parsers take the last one, and a password may
// contain '@'). A scheme starts only where a run of scheme characters starts and is at most 32
// characters long; without that bound every position of a long word restarts the scan, which
// took seconds on a 100 kB argument.
const URL_PASSWORD = /((?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^:/?#@\s]*):[^/?#\s]*@/gi;
// key=value connection strings (libpq style): password=...
const KEYWORD_PASSWORD = /(password\s*=\s*)('[^']*'|[^\s&;]+)/gi;

/** Replaces the password of every URL, and every `password=` value, in a text with ***. */
export function redactSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1:***@').replace(KEYWORD_PASSWORD, '$1***');
}
