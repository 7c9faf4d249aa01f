import { z } from 'zod';
import { assertZod4Schema, canonicalJson, ConflictError, NotFoundError, recordKey, ValidationError, type RecordRef } from '@nucal/core';
import { microsToDate } from './clock.js';
import type { DbContext } from './context.js';
import { MAX_DESCRIPTION, RecordNameSchema, RecordVersionSchema, type RecordInfo } from './types.js';
import { parseInput } from './validate.js';
import { writeTransaction } from './write-transaction.js';

/** JSON Schema text of a zod schema, canonical so that equal schemas compare equal. */
export function jsonSchemaText(schema: z.ZodType): string {
  return canonicalJson(z.toJSONSchema(schema, { unrepresentable: 'any' }));
}

/**
 * Registers a record type (idempotent). A second registration of the same name and version
 * with a different schema is refused: a changed layout is a new version.
 */
export async function registerRecord(ctx: DbContext, record: RecordRef): Promise<RecordInfo> {
  checkRecordDefinition(record?.name, record?.version, record?.description);
  const key = recordKey(record);
  assertZod4Schema(record.schema, `schema of record ${key}`);
  const text = jsonSchemaText(record.schema);
  const existing = await ctx.knex('records').where({ name: record.name, version: record.version }).first();
  if (existing) {
    if (existing.json_schema !== text) {
      throw new ConflictError(`record ${key} is already registered with a different schema: register the new layout as version ${record.version + 1}`);
    }
    ctx.schemas.set(key, record.schema);
    return toRecordInfo(existing);
  }
  const info = await registerJsonSchema(ctx, record.name, record.version, record.description, text);
  // Cached only once stored: a refused schema must not validate payloads later in the process.
  ctx.schemas.set(key, record.schema);
  return info;
}

/** The limits of a record definition, the same on both engines, checked before any SQL. */
function checkRecordDefinition(name: unknown, version: unknown, description: unknown): void {
  parseInput(RecordNameSchema, name, `record name "${String(name).slice(0, 160)}"`);
  parseInput(RecordVersionSchema, version, `record ${String(name)} version ${String(version)}`);
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION) {
    throw new ValidationError(`description of record ${String(name)} is invalid: expected text of at most ${MAX_DESCRIPTION} characters`);
  }
}

/** Registers a record from a JSON Schema text (the command-line path, without zod code). */
export async function registerJsonSchema(ctx: DbContext, name: string, version: number, description: string, text: string): Promise<RecordInfo> {
  const key = `${name}@${version}`;
  return writeTransaction(ctx, 'record.register', key, async (trx, stamp) => {
    // ON CONFLICT DO NOTHING, then read back: two processes registering the same record at
    // once both succeed, and a different schema under the same version is still refused.
    const inserted = await trx('records')
      .insert({ name, version, description, json_schema: text, created_at: stamp })
      .onConflict(['name', 'version'])
      .ignore()
      .returning('name');
    const row = await trx('records').where({ name, version }).first();
    if (row.json_schema !== text) throw new ConflictError(`record ${key} is already registered with a different schema: register the new layout as version ${version + 1}`);
    return { result: toRecordInfo(row), details: { description, unchanged: inserted.length === 0 } };
  });
}

/** The zod schema that validates payloads of a record: the registered code, else one rebuilt from the stored JSON Schema. */
export async function schemaFor(ctx: DbContext, name: string, version: number): Promise<z.ZodType> {
  const key = `${name}@${version}`;
  const known = ctx.schemas.get(key);
  if (known) return known;
  const row = await ctx.knex('records').where({ name, version }).first();
  if (!row) throw new NotFoundError(`record ${key} is not registered: register it first (nucal db record register)`);
  const schema = z.fromJSONSchema(JSON.parse(row.json_schema)) as z.ZodType;
  ctx.schemas.set(key, schema);
  return schema;
}

/** Every registered record, by name then version. */
export async function listRecords(ctx: DbContext): Promise<RecordInfo[]> {
  const rows = await ctx.knex('records').orderBy([{ column: 'name' }, { column: 'version' }]);
  return rows.map(toRecordInfo);
}

function toRecordInfo(row: { name: string; version: number; description: string; json_schema: string; created_at: number | string }): RecordInfo {
  return {
    name: row.name,
    version: Number(row.version),
    description: row.description,
    jsonSchema: JSON.parse(row.json_schema),
    createdAt: microsToDate(Number(row.created_at)),
  };
}

/** Registers a record type from a JSON Schema object, after checking that it can validate payloads. */
export async function registerRecordFromJsonSchema(
  ctx: DbContext,
  def: { name: string; version: number; description: string; jsonSchema: unknown },
): Promise<RecordInfo> {
  checkRecordDefinition(def.name, def.version, def.description);
  if (typeof def.jsonSchema !== 'object' || def.jsonSchema === null || Array.isArray(def.jsonSchema)) {
    throw new ValidationError(`schema of record ${def.name} is not a JSON Schema object`);
  }
  try {
    z.fromJSONSchema(def.jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    throw new ValidationError(`schema of record ${def.name} is not a usable JSON Schema: ${(err as Error).message}`);
  }
  return registerJsonSchema(ctx, def.name, def.version, def.description, canonicalJson(def.jsonSchema));
}
