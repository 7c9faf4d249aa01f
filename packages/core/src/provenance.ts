import { z } from 'zod';

/**
 * Where a payload came from: the producing plugin and version, the input it consumed
 * (description and content hash), the random seed, the fit quality and free metadata.
 */
export const ProvenanceSchema = z.object({
  plugin: z.object({ id: z.string().min(1), version: z.string().min(1) }),
  input: z.object({
    description: z.string(),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex sha256').optional(),
  }),
  seed: z.string().optional(),
  createdAt: z.string().datetime({ offset: true }).describe('ISO-8601 time the payload was produced'),
  fitQuality: z.object({ chi2: z.number().nonnegative(), ndof: z.number().int(), valid: z.boolean() }).optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type ProvenanceInput = z.input<typeof ProvenanceSchema>;
