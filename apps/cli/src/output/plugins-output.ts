import { z } from 'zod';

/** JSON output of `nucal plugins list --json`. */
export const PluginsListOutputSchema = z.array(
  z.object({
    id: z.string(),
    detector: z.string(),
    description: z.string(),
    records: z.array(z.object({ name: z.string(), version: z.number().int(), description: z.string() })),
    timeType: z.enum(['run', 'timestamp']),
    daily: z.boolean(),
    options: z.array(
      z.object({
        flag: z.string(),
        kind: z.enum(['number', 'boolean', 'string', 'enum', 'json']),
        description: z.string(),
        choices: z.array(z.string()).optional(),
        default: z.unknown().optional(),
      }),
    ),
  }),
);
export type PluginsListOutput = z.infer<typeof PluginsListOutputSchema>;
