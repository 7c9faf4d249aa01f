import { z } from 'zod';
import { IsoDate } from './db-output.js';

const TokenInfoSchema = z.object({
  name: z.string(),
  role: z.enum(['reader', 'writer', 'admin']),
  tagPrefixes: z.array(z.string()).describe('writers: tag-name prefixes it may write ("" = every tag)'),
  description: z.string(),
  createdAt: IsoDate,
  revokedAt: IsoDate.nullable(),
});

/** JSON output of `nucal db token ...` (the service's tokens). */
export const TokenOutputSchemas = {
  'db token create': TokenInfoSchema.extend({ token: z.string().regex(/^nct_[A-Za-z0-9_-]{43}$/).describe('the secret, shown this once') }),
  'db token list': z.array(TokenInfoSchema),
  'db token revoke': TokenInfoSchema,
};
