import { TimeJsonSchema } from '@nucal/core';
import { z } from 'zod';

/** Dates in JSON output are ISO-8601 UTC text. */
export const IsoDate = z.string().datetime({ offset: false }).describe('ISO-8601 UTC date');
/** A payload hash in JSON output. */
export const Hash = z.string().regex(/^[0-9a-f]{64}$/).describe('payload content hash (sha256)');
const TimeType = z.enum(['run', 'timestamp']);

export const RecordInfoSchema = z.object({ name: z.string(), version: z.number().int(), description: z.string(), jsonSchema: z.unknown(), createdAt: IsoDate });
export const TagInfoSchema = z.object({
  name: z.string(), record: z.object({ name: z.string(), version: z.number().int() }), timeType: TimeType, description: z.string(),
  state: z.enum(['open', 'locked']), allowBackfill: z.boolean(), createdAt: IsoDate, lockedAt: IsoDate.nullable(),
});
export const GlobalTagInfoSchema = z.object({
  name: z.string(), description: z.string(), snapshot: IsoDate.nullable(), state: z.enum(['open', 'locked']), createdAt: IsoDate, lockedAt: IsoDate.nullable(),
  entries: z.array(z.object({ record: z.string(), tag: z.string() })),
});
export const IovInfoSchema = z.object({ since: TimeJsonSchema, until: TimeJsonSchema.nullable(), hash: Hash, insertedAt: IsoDate, current: z.boolean() });
export const GrantSchema = z.object({ role: z.string(), level: z.enum(['reader', 'writer', 'admin']), tagPrefixes: z.array(z.string()) });

/** JSON output of every `nucal db ...` command, by command. */
export const DbOutputSchemas = {
  'db init': z.object({ db: z.string().describe('the database, password redacted'), dialect: z.enum(['sqlite', 'postgres']), records: z.array(z.string()) }),
  'db record list': z.array(RecordInfoSchema),
  'db record register': RecordInfoSchema,
  'db tag create': TagInfoSchema,
  'db tag lock': TagInfoSchema,
  'db tag list': z.array(TagInfoSchema),
  'db iov append': z.object({ inserted: z.number().int(), unchanged: z.number().int(), hashes: z.array(Hash), insertedAt: IsoDate }),
  'db iov list': z.object({ items: z.array(IovInfoSchema), nextCursor: z.string().nullable() }),
  'db gt create': GlobalTagInfoSchema,
  'db gt set': GlobalTagInfoSchema,
  'db gt lock': GlobalTagInfoSchema,
  'db gt list': z.array(GlobalTagInfoSchema),
  'db gt show': GlobalTagInfoSchema,
  'db resolve': z.object({
    record: z.object({ name: z.string(), version: z.number().int() }), payload: z.unknown(), hash: Hash, since: TimeJsonSchema, until: TimeJsonSchema.nullable(),
    tag: z.string(), globalTag: z.string().optional(), insertedAt: IsoDate,
  }),
  'db diff': z.union([
    z.array(z.object({ since: TimeJsonSchema, until: TimeJsonSchema.nullable(), left: Hash.nullable(), right: Hash.nullable() })),
    z.array(z.object({ record: z.string(), left: z.string().nullable(), right: z.string().nullable() })),
  ]),
  'db uses': z.array(z.object({ globalTag: z.string(), record: z.string(), tag: z.string() })),
  'db export': z.object({ file: z.string(), records: z.number().int(), payloads: z.number().int(), tags: z.number().int(), iovs: z.number().int(), globalTags: z.number().int() }),
  'db import': z.object({
    dryRun: z.boolean(), records: z.number().int(), payloads: z.number().int(), tags: z.number().int(), iovs: z.number().int(), globalTags: z.number().int(),
    changes: z.array(z.object({ action: z.string(), target: z.string(), count: z.number().int().optional(), detail: z.string().optional() })),
  }),
  'db log': z.array(z.object({ id: z.number().int(), at: IsoDate, actor: z.string(), label: z.string().nullable(), action: z.string(), target: z.string(), details: z.record(z.string(), z.unknown()) })),
  'db grant': GrantSchema,
  'db grants': z.array(GrantSchema),
} as const;
