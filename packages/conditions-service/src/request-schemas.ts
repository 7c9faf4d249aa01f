import { formatZodIssues, ValidationError } from '@nucal/core';
import { RecordNameSchema, TagNameSchema } from '@nucal/conditions-db';
import { z } from 'zod';

/**
 * zod schemas of every query, path parameter and body the service takes: each is checked
 * before anything is read or written, unknown keys are refused (a mistyped parameter is an
 * error, not silently ignored), and names are checked here so that no malformed text ever
 * reaches SQL.
 */
const Name = TagNameSchema;
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
/** A wall-clock instant (as-of, snapshot): ISO-8601, read by core's `parseInstant`. */
const Instant = z.string().min(1).max(64);
/** A time as text (`run:42`, `42`, ns, ISO date): read by `timeFromText`. */
const TimeText = z.string().min(1).max(80);
const Flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const Limit = (max: number) => z.string().regex(/^\d{1,6}$/, 'expected a positive integer').transform(Number).pipe(z.number().int().min(1).max(max));
/** Free text (descriptions): PostgreSQL text holds no NUL character. */
const Text = z.string().max(4096).regex(/^[^\u0000]*$/, 'expected text without NUL characters');
const Digits = z.string().regex(/^\d{1,20}$/, 'expected a decimal integer');

export const ResolveQuery = z
  .object({ gt: Name.optional(), tag: Name.optional(), record: RecordNameSchema, at: TimeText, asOf: Instant.optional(), include: z.literal('payload').optional() })
  .strict()
  .refine((q) => (q.gt === undefined) !== (q.tag === undefined), { message: 'give exactly one of gt or tag' });
export type ResolveQuery = z.infer<typeof ResolveQuery>;

export const NameParam = z.object({ name: Name }).strict();
export const HashParam = z.object({ hash: Hash }).strict();
export const EntryParams = z.object({ name: Name, record: RecordNameSchema }).strict();
export const NoQuery = z.object({}).strict();
export const TagsQuery = z.object({ record: RecordNameSchema.optional() }).strict();
export const IovsQuery = z
  .object({ from: TimeText.optional(), to: TimeText.optional(), asOf: Instant.optional(), history: Flag.optional(), limit: Limit(10_000).optional(), cursor: z.string().regex(/^\d{1,20}(\/\d{1,20})?$/, 'expected the nextCursor of a previous page').optional() })
  .strict();
export const DiffQuery = z.object({ left: Name, right: Name, asOf: Instant.optional() }).strict();
export const UsageQuery = z
  .object({ tag: Name.optional(), payload: Hash.optional() })
  .strict()
  .refine((q) => (q.tag === undefined) !== (q.payload === undefined), { message: 'give exactly one of tag or payload' });
export const AuditQuery = z.object({ limit: Limit(10_000).optional(), target: z.string().min(1).max(256).regex(/^[^\u0000-\u001f\u007f]+$/, 'expected a name without control characters').optional() }).strict();

/** A time in a body: the text forms above, or core's JSON form (`text` is ignored). */
export const TimeInput = z.union([
  TimeText,
  z.object({ kind: z.literal('run'), run: Digits, subrun: Digits.optional(), text: z.string().max(80).optional() }).strict(),
  z.object({ kind: z.literal('timestamp'), ns: Digits, text: z.string().max(80).optional() }).strict(),
]);

export const CreateTagBody = z
  .object({
    name: Name,
    record: RecordNameSchema,
    recordVersion: z.number().int().min(1).max(2 ** 31 - 1).optional(),
    timeType: z.enum(['run', 'timestamp']),
    description: Text.optional(),
    allowBackfill: z.boolean().optional(),
  })
  .strict();
export const AppendBody = z
  .object({
    iovs: z
      .array(
        z
          .object({ since: TimeInput, payload: z.unknown().refine((p) => p !== undefined, 'expected a payload'), provenance: z.record(z.string(), z.unknown()).optional() })
          .strict(),
      )
      .min(1)
      .max(100_000),
  })
  .strict();
/** No body, or `{}` (JSON `null` is refused: a body is an object or absent). */
export const EmptyBody = z.union([z.undefined(), z.object({}).strict()]);
export const CreateGlobalTagBody = z.object({ name: Name, description: Text.optional(), snapshot: Instant.optional() }).strict();
export const SetEntryBody = z.object({ tag: Name }).strict();
export const LockGlobalTagBody = z.union([z.undefined(), z.object({ snapshot: Instant.optional() }).strict()]);

/**
 * Parses a request part with its schema, or a {@link ValidationError} naming each problem
 * (`query.at: ...`) and so a 400 answer.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(`${what} is invalid`, formatZodIssues(r.error.issues).map((i) => `${what}.${i}`));
  return r.data;
}
