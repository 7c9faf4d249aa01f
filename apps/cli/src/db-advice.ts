import type { DatabaseErrorReason } from '@nucal/core';

/** What the CLI knows about the database a {@link DatabaseError} came from. */
export interface DbErrorContext {
  /** The --db value (or $NUCAL_DB), redacted; undefined when the error was not about opening it. */
  readonly db?: string;
  /** Whether that open was allowed to create the database (`nucal db init`, the demo). */
  readonly creating?: boolean;
  /** A SQLite path where something exists (a directory, an unreadable file): not a database to create. */
  readonly pathExists?: boolean;
}

/**
 * The one piece of advice printed after a database error, by reason: what the user can do
 * next. Never repeats a user name or password (the caller passes the redacted URL).
 */
export function dbAdvice(reason: DatabaseErrorReason, ctx: DbErrorContext): string | undefined {
  const isPostgres = ctx.db !== undefined && /^postgres(ql)?:\/\//i.test(ctx.db);
  switch (reason) {
    case 'missing':
      if (ctx.db === undefined) return 'check the file name or URL';
      if (ctx.pathExists) return 'it exists but cannot be opened as a database file (a directory, or no permission): check --db (or NUCAL_DB)';
      if (ctx.creating) {
        return isPostgres
          ? 'create the database on the server first (e.g. createdb), then run "nucal db init" again'
          : 'check that the directory exists and is writable';
      }
      return `run "nucal db init --db ${ctx.db}" to create it`;
    case 'unreachable':
      return 'check the host and port in --db (or NUCAL_DB) and that the server is running';
    case 'authentication':
      return 'check the user name and password in --db (or NUCAL_DB)';
    case 'busy':
      return 'another writer holds the database: try again when it has finished (NUCAL_BUSY_TIMEOUT_MS sets how long to wait)';
    case 'migration-lock':
      return 'another nucal is creating or upgrading the database tables: try again when it has finished';
    case 'not-nucal':
    case 'corrupt':
      return 'it is not a nucal conditions database: check --db (or NUCAL_DB)';
    case 'schema-version':
      return 'upgrade nucal, or run "nucal db init" to migrate the database to this version';
    case 'other':
      return undefined;
  }
}
