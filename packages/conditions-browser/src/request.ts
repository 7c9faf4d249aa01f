import { ValidationError } from '@nucal/core';
import { TagNameSchema } from '@nucal/conditions-db';
import { z } from 'zod';

/** A tag or global-tag name in a path. */
export const NameParam = z.object({ name: TagNameSchema });
/** A payload hash in a path. */
export const HashParam = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits') });
/** A payload hash, or a unique prefix of 6 or more hex digits (a page redirects it to the full hash). */
export const HashOrPrefix = z.object({ hash: z.string().regex(/^[0-9a-f]{6,64}$/, 'expected a payload hash: 64 hex digits, or a unique prefix of 6 or more') });
/** A plot name in a path. */
export const PlotName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a plot name such as lifetime-over-time');
/** A route without query parameters. */
export const NoQuery = z.strictObject({});
/** The range of a plot over a tag: times in the service's text forms (`RUN[:SUBRUN]`, ns or ISO-8601, `run:`/`ts:` prefixes). */
export const RangeQuery = z.strictObject({ from: z.string().min(1).max(100).optional(), to: z.string().min(1).max(100).optional() });
/** The pair a diff page compares (both or neither). */
export const DiffQuery = z.strictObject({ left: TagNameSchema.optional(), right: TagNameSchema.optional() });

/**
 * Checks a request part with its zod schema; a refusal is a ValidationError naming the field
 * and what was expected (the service answers it with 400).
 */
export function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: 'path' | 'query'): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || where;
  throw new ValidationError(`${where} ${issue.code === 'unrecognized_keys' ? `has unknown parameter(s) ${(issue as { keys: string[] }).keys.join(', ')}` : `parameter ${field}: ${issue.message}`}`);
}
