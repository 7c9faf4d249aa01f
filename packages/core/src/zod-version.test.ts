import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { z as z3 } from 'zod/v3';
import { ValidationError } from './errors.js';
import { assertZod4Schema, defineRecord } from './record.js';

// zod is a peer dependency: a project can hand nucal a schema from a zod 3 copy.
describe('zod 4 schemas only', () => {
  it('defineRecord refuses a zod 3 schema with a ValidationError', () => {
    const define = () => defineRecord({ name: 'demo.scale', version: 1, schema: z3.object({ y: z3.number() }) as never, description: '' });
    expect(define).toThrow(ValidationError);
    expect(define).toThrow(/schema of record demo\.scale@1 is a zod 3 schema: expected a zod 4 schema/);
  });
  it('accepts zod 4 classic and mini schemas', () => {
    expect(defineRecord({ name: 'demo.a', version: 1, schema: z.object({ y: z.number() }), description: '' }).name).toBe('demo.a');
    expect(() => assertZod4Schema(zm.object({ y: zm.number() }), 'mini')).not.toThrow();
  });
  it('names what it got instead', () => {
    expect(() => assertZod4Schema(undefined, 'schema')).toThrow(/schema is undefined: expected a zod 4 schema/);
    expect(() => assertZod4Schema({ parse() {} }, 'schema')).toThrow(/schema is object: expected a zod 4 schema/);
  });
});
