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
  return Object.freeze({ name: def.name, version: def.version, schema: def.schema as z.ZodType<z.infer<S>>, description: def.description });
}

/** `name@version`, the printed key of a record. */
export function recordKey(r: { name: string; version: number }): string {
  return `${r.name}@${r.version}`;
}
