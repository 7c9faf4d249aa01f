import { formatZodIssues, ValidationError } from '@nucal/core';
import type { z } from 'zod';

/** Parses input with a zod schema, or throws a {@link ValidationError} naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(`${what} is invalid`, formatZodIssues(r.error.issues));
  return r.data;
}
