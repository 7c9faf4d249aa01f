import { ValidationError } from '@nucal/core';
import { z } from 'zod';

/** The database commands use when neither --db nor $NUCAL_DB says otherwise. */
export const FALLBACK_DB = './nucal.sqlite';

/**
 * The environment variables the CLI reads, captured when the program is built (not when a
 * module is loaded), so a test or a shell that sets NUCAL_DB before running a command, even
 * in the same process, sees it in the command's behaviour and in its --help.
 */
export interface CliEnv {
  /** $NUCAL_DB when set and not blank: the default of every --db except the demo's. */
  readonly db: string | undefined;
  /** $NUCAL_BUSY_TIMEOUT_MS as given; checked by {@link busyTimeoutMs} when a database is opened. */
  readonly busyTimeoutMs: string | undefined;
  /** $NUCAL_DEBUG set (to anything but "", "0" or "false"): errors carry their stack. */
  readonly debug: boolean;
}

/** Reads {@link CliEnv} from an environment (default: the process's). */
export function readCliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const db = env.NUCAL_DB?.trim() ? env.NUCAL_DB : undefined;
  const debug = env.NUCAL_DEBUG !== undefined && !['', '0', 'false'].includes(env.NUCAL_DEBUG.trim().toLowerCase());
  return { db, busyTimeoutMs: env.NUCAL_BUSY_TIMEOUT_MS, debug };
}

/** Longest accepted wait: a day. A longer one is more likely a typo than a plan. */
const MAX_BUSY_TIMEOUT_MS = 86_400_000;
const BusyTimeout = z
  .string()
  .trim()
  .regex(/^\d+$/)
  .transform(Number)
  .pipe(z.number().int().max(MAX_BUSY_TIMEOUT_MS));

/**
 * How long a write waits for another writer's lock (ms): $NUCAL_BUSY_TIMEOUT_MS, or undefined
 * for the conditions-db default. An unusable value is refused rather than ignored.
 */
export function busyTimeoutMs(env: CliEnv): number | undefined {
  if (env.busyTimeoutMs === undefined || env.busyTimeoutMs.trim() === '') return undefined;
  const r = BusyTimeout.safeParse(env.busyTimeoutMs);
  if (!r.success) {
    throw new ValidationError(`NUCAL_BUSY_TIMEOUT_MS "${env.busyTimeoutMs}" is invalid: expected an integer number of milliseconds 0..${MAX_BUSY_TIMEOUT_MS}`);
  }
  return r.data;
}
