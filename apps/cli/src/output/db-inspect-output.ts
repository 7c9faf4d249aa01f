import { TimeJsonSchema } from '@nucal/core';
import { z } from 'zod';
import { Hash, IsoDate, RecordInfoSchema, TagInfoSchema } from './db-output.js';

const RecordRef = z.object({ name: z.string(), version: z.number().int() });
const Count = z.number().int().nonnegative();

/** JSON output of the inspection commands of `nucal db` (show, clone, search, plot), by command. */
export const DbInspectOutputSchemas = {
  'db payload show': z.object({
    hash: Hash, record: RecordRef, sizeBytes: Count.describe('bytes of the canonical JSON'), createdAt: IsoDate.describe('first insertion'),
    provenance: z.record(z.string(), z.unknown()), payload: z.unknown().describe('the payload content'),
  }),
  'db tag show': TagInfoSchema.extend({
    iovCount: Count.describe('effective IOVs (distinct sinces)'), rowCount: Count.describe('IOV rows, superseded ones included'),
    firstSince: TimeJsonSchema.nullable(), lastSince: TimeJsonSchema.nullable(), lastInsertedAt: IsoDate.nullable(),
    globalTags: z.array(z.object({ globalTag: z.string(), record: z.string(), tag: z.string() })),
  }),
  'db record show': z.object({ name: z.string(), versions: z.array(RecordInfoSchema), tags: z.array(TagInfoSchema) }),
  'db tag clone': z.object({
    from: z.string(), to: z.string(), target: z.string().describe('the database holding the new tag, password redacted'), history: z.boolean(),
    dryRun: z.boolean(), records: Count, payloads: Count, tags: Count, iovs: Count, globalTags: Count,
    changes: z.array(z.object({ action: z.string(), target: z.string(), count: z.number().int().optional(), detail: z.string().optional() })),
  }),
  'db search': z.object({
    query: z.string(),
    hits: z.array(z.object({
      kind: z.enum(['tag', 'global-tag', 'record', 'payload']), name: z.string(), version: z.number().int().optional(),
      field: z.enum(['name', 'description', 'hash']), text: z.string(), detail: z.string(),
    })),
    more: z.boolean().describe('more hits than --limit'),
  }),
  'db plot': z.object({
    tag: z.string(), record: RecordRef, timeType: z.enum(['run', 'timestamp']), field: z.string(), errorField: z.string().nullable(),
    points: z.array(z.object({ since: TimeJsonSchema, until: TimeJsonSchema.nullable(), hash: Hash, value: z.number(), error: z.number().nonnegative().optional() })),
    out: z.string().nullable().describe('the file written (.svg or .json), or null'),
  }),
} as const;
