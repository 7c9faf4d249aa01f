import { Option } from 'commander';
import { FALLBACK_DB, type CliEnv } from './cli-env.js';
import { redactUrl } from './redact-url.js';

const WHAT = 'SQLite file path or postgres:// URL';

/**
 * `--db <url>` of the database commands: default $NUCAL_DB, else ./nucal.sqlite. Commander
 * prints option defaults in --help, so the default is given a redacted description: the
 * password in $NUCAL_DB never reaches the help text.
 */
export function dbOption(env: CliEnv): Option {
  const value = env.db ?? FALLBACK_DB;
  return new Option('--db <url>', WHAT).default(value, describeDefault(value, env.db !== undefined));
}

/**
 * `--db <url>` of the calibration commands: where to write the constants; default $NUCAL_DB
 * when set (else nothing is written). `--no-db` (see {@link noDbOption}) writes nothing even
 * when $NUCAL_DB is set.
 */
export function writeDbOption(env: CliEnv): Option {
  const option = new Option('--db <url>', `write the constants to this database (${WHAT}); without --db or NUCAL_DB nothing is written`);
  return env.db === undefined ? option : option.default(env.db, describeDefault(env.db, true));
}

/** `--no-db`: do not write, even when $NUCAL_DB is set. */
export function noDbOption(): Option {
  return new Option('--no-db', 'do not write the constants anywhere, even when NUCAL_DB is set');
}

function describeDefault(value: string, fromEnv: boolean): string {
  return `${JSON.stringify(redactUrl(value))}${fromEnv ? ' from NUCAL_DB' : ''}`;
}
