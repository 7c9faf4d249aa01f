/**
 * An error thrown while the CLI opened its database, with what the advice needs: which
 * database (redacted) and whether the open could create it. Only the CLI's error reporter
 * sees it; `error` is what conditions-db threw.
 */
export class DbOpenFailure extends Error {
  constructor(
    readonly error: unknown,
    /** The --db value or $NUCAL_DB, password redacted. */
    readonly db: string,
    readonly creating: boolean,
    /** For a SQLite path: whether something exists there (then "missing" means it could not be opened). */
    readonly pathExists = false,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
    this.name = 'DbOpenFailure';
  }
}
