import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { z as z3 } from 'zod/v3';
import { DatabaseError, ValidationError, type RecordRef } from '@nucal/core';
import { tempDir } from '../test/backends.js';
import { openConditionsDb } from './index.js';

// knex loads the `pg` driver only for client 'pg'; simulate a project without it (the
// packaging test in tools/packaging runs the same open in a real install without pg).
vi.mock('knex', async (importOriginal) => {
  const real = await importOriginal<typeof import('knex')>();
  const factory = (config: { client?: unknown }) => {
    if (config.client === 'pg') {
      throw new Error("Knex: run\n$ npm install pg --save\nCannot find module 'pg'\nRequire stack:\n- /x/node_modules/knex/lib/dialects/postgres/index.js");
    }
    return (real.default as (c: unknown) => unknown)(config);
  };
  return { ...real, default: factory };
});

describe('packaging: peer dependencies', () => {
  it('registerRecord refuses a zod 3 schema with a ValidationError', async () => {
    const db = await openConditionsDb({ url: join(tempDir(), 'c.sqlite'), create: true });
    try {
      const record = { name: 'demo.scale', version: 1, description: '', schema: z3.object({ y: z3.number() }) } as unknown as RecordRef;
      const err = await db.registerRecord(record).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message)).toMatch(/schema of record demo\.scale@1 is a zod 3 schema: expected a zod 4 schema/);
      expect(await db.listRecords()).toEqual([]);
    } finally {
      await db.close();
    }
  });
  it('a postgres:// URL without the optional pg package says to install it', async () => {
    const err = await openConditionsDb({ url: 'postgres://calib:s3cret@db.example:5432/conditions' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as Error).message).toBe('database postgres://calib:***@db.example:5432/conditions is PostgreSQL, which needs the optional "pg" package: run `npm install pg`');
  });
});
