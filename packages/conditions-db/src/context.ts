import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Dialect } from './connection.js';

/** Shared state of one open database, passed to the operation modules. */
export interface DbContext {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** Writes are refused; `readOnlyReason` says why (opened read-only, or an export's mark). */
  readonly readOnly: boolean;
  readonly readOnlyReason: string | null;
  /** Where the database is, with any password redacted: safe to print. */
  readonly location: string;
  /**
   * Who writes, for the audit log, on SQLite: the operating-system user of the process. On
   * PostgreSQL the database records its own `current_user` and this is ignored.
   */
  readonly identity: string;
  /** Free-text label of the writer (sanitised), stored beside the identity, never instead of it. */
  readonly label: string | null;
  /** How long a write waits for another writer's lock before failing (ms). */
  readonly busyTimeoutMs: number;
  /** Told once when a write has waited about a second for another writer. */
  readonly onWait: ((message: string) => void) | undefined;
  /** Record schemas known to this process, by `name@version`. */
  readonly schemas: Map<string, z.ZodType>;
  /** Validated payloads by hash; payloads are immutable, so this never goes stale. */
  readonly payloads: Map<string, unknown>;
}
