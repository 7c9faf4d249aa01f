import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Dialect } from './connection.js';

/** Shared state of one open database, passed to the operation modules. */
export interface DbContext {
  readonly knex: Knex;
  readonly dialect: Dialect;
  readonly readOnly: boolean;
  /** Who writes, for the audit log. */
  readonly actor: string;
  /** Record schemas known to this process, by `name@version`. */
  readonly schemas: Map<string, z.ZodType>;
  /** Validated payloads by hash; payloads are immutable, so this never goes stale. */
  readonly payloads: Map<string, unknown>;
}
