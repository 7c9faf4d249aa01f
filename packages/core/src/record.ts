import type { z } from 'zod';
import { ValidationError } from './errors.js';
import { assertNamespacedId } from './names.js';

/**
 * A payload record type: a name, a schema version and the zod schema that both validates
 * payloads at run time and gives their static type. A new incompatible layout is a new
 * version of the same name.
 */
export interface RecordRef<T = unknown> {
  readonly name: string;
  readonly version: number;
  readonly schema: z.ZodType<T>;
  readonly description: string;
}

/** Payload type of a record. */
export type RecordPayload<R> = R extends RecordRef<infer T> ? T : never;

/**
 * Declares a record type.
 *
 * @example
 * const LifetimeV1 = z.object({ tpc: z.number().int(), lifetimeMs: z.number().positive() });
 * export const lifetimeRecord = defineRecord({
 *   name: 'dune.lifetime', version: 1, schema: LifetimeV1,
 *   description: 'Electron lifetime per TPC, milliseconds',
 * });
 */
export function defineRecord<S extends z.ZodType>(def: {
  name: string;
  version: number;
  schema: S;
  description: string;
}): RecordRef<z.infer<S>> {
  assertNamespacedId(def.name, 'record name');
  if (!Number.isInteger(def.version) || def.version < 1) {
    throw new ValidationError(`record ${def.name} version ${def.version} is invalid: expected a positive integer`);
  }
  assertZod4Schema(def.schema, `schema of record ${def.name}@${def.version}`);
  return Object.freeze({ name: def.name, version: def.version, schema: def.schema as z.ZodType<z.infer<S>>, description: def.description });
}

/**
 * Refuses anything but a zod 4 schema (classic or mini: both carry `_zod`). zod is a peer
 * dependency of the nucal packages, so a project can end up handing them a schema from a
 * zod 3 copy (or `zod/v3`) that would otherwise fail deep inside validation or JSON Schema
 * conversion.
 */
export function assertZod4Schema(schema: unknown, what: string): void {
  if (typeof schema === 'object' && schema !== null && '_zod' in schema) return;
  const got = typeof schema === 'object' && schema !== null && '_def' in schema ? 'a zod 3 schema' : schema === null ? 'null' : typeof schema;
  throw new ValidationError(`${what} is ${got}: expected a zod 4 schema (install zod@^4, the peer dependency of the @nucal packages)`);
}

/** `name@version`, the printed key of a record. */
export function recordKey(r: { name: string; version: number }): string {
  return `${r.name}@${r.version}`;
}
