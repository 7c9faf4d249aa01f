import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCalibrationPlugin } from './calibration-plugin.js';
import { defineRecord, recordKey } from './record.js';

describe('defineRecord', () => {
  it('accepts namespaced names and positive versions', () => {
    const r = defineRecord({ name: 'dune.lifetime', version: 2, schema: z.object({ lifetimeMs: z.number() }), description: 'x' });
    expect(recordKey(r)).toBe('dune.lifetime@2');
    expect(r.schema.safeParse({ lifetimeMs: Number.POSITIVE_INFINITY }).success).toBe(false);
  });
  it('rejects bad names and versions', () => {
    expect(() => defineRecord({ name: 'Lifetime', version: 1, schema: z.number(), description: '' })).toThrow(/record name "Lifetime" is not namespaced/);
    expect(() => defineRecord({ name: 'dune.lifetime', version: 0, schema: z.number(), description: '' })).toThrow(/version 0 is invalid/);
  });
  it('checks plugin ids and declared records', () => {
    const base = { version: '0.1.0', requires: [], input: z.number(), simulate: () => ({ input: 1, truth: 1 }), calibrate: async () => ({ payloads: [], fits: {}, plots: [], summary: {}, provenance: { plugin: { id: 'a.b', version: '1' }, input: { description: '' }, createdAt: new Date().toISOString() } }) };
    expect(() => defineCalibrationPlugin({ ...base, id: 'nonamespace', records: [defineRecord({ name: 'a.b', version: 1, schema: z.number(), description: '' })] })).toThrow(/plugin id "nonamespace"/);
    expect(() => defineCalibrationPlugin({ ...base, id: 'a.b', records: [] })).toThrow(/declares no records/);
  });
});
