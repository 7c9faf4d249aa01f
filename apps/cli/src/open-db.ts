import { existsSync } from 'node:fs';
import { openConditionsDb, type ConditionsDb, type OpenOptions } from '@nucal/conditions-db';
import { busyTimeoutMs } from './cli-env.js';
import type { CliContext } from './context.js';
import { DbOpenFailure } from './db-open-failure.js';
import { oneLine } from './one-line.js';
import { redactText, redactUrl } from './redact-url.js';

/**
 * How a command uses its database:
 * - `read`: read-only, nothing is ever written;
 * - `write`: writes to an existing nucal database, never creates one (a mistyped --db fails
 *   with "does not exist" instead of silently starting an empty database);
 * - `create`: may create the file / tables (`nucal db init`, the demo's own file).
 */
export type DbMode = 'read' | 'write' | 'create';

/** What to open and how. */
export interface OpenRequest {
  readonly url: string;
  readonly mode: DbMode;
  /** --json: no "waiting:" line (stderr stays reserved for the one JSON error line). */
  readonly json?: boolean;
  /** Extra options (the demo's file mark, an audit label). */
  readonly extra?: Partial<OpenOptions>;
}

/**
 * Opens the database for a command. A write that waits for another writer's lock prints one
 * `waiting: ...` line on stderr (not with --json) and gives up after $NUCAL_BUSY_TIMEOUT_MS.
 * Errors while opening carry the redacted URL for the error line's advice.
 */
export async function openDb(cli: CliContext, req: OpenRequest): Promise<ConditionsDb> {
  const options: OpenOptions = {
    url: req.url,
    readOnly: req.mode === 'read',
    create: req.mode === 'create',
    ...req.extra,
  };
  try {
    const timeout = busyTimeoutMs(cli.env);
    if (timeout !== undefined) options.busyTimeoutMs = timeout;
    if (!req.json) options.onWait = (message) => cli.io.err(`waiting: ${oneLine(redactText(message))}`);
    return await openConditionsDb(options);
  } catch (err) {
    const sqlitePath = /^[a-z][a-z0-9+.-]*:\/\//i.test(req.url) ? undefined : req.url.replace(/^sqlite:/, '');
    throw new DbOpenFailure(err, redactUrl(req.url), req.mode === 'create', sqlitePath !== undefined && sqlitePath !== '' && existsSync(sqlitePath));
  }
}

/**
 * Opens the database, runs `fn`, closes it whatever happens and returns what `fn` returned:
 * commands print after this returns, so nothing reaches stdout before the work succeeded.
 */
export async function withDb<T>(cli: CliContext, req: OpenRequest, fn: (db: ConditionsDb) => Promise<T>): Promise<T> {
  const db = await openDb(cli, req);
  let result: T;
  try {
    result = await fn(db);
  } catch (err) {
    // the command's error is the one to report, not a failure to close after it
    await db.close().catch(() => undefined);
    throw err;
  }
  await db.close();
  return result;
}
