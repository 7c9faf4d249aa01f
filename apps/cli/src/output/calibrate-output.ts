import { FitSummarySchema, MeasurementSchema, TimeJsonSchema } from '@nucal/core';
import { z } from 'zod';

/** One payload a calibration wrote. */
export const WrittenSchema = z.object({
  record: z.string(),
  tag: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  inserted: z.boolean().describe('false when the same payload was already current at that since'),
});

/** JSON output of `nucal calibrate <plugin-id> --json` (and of its short names). */
export const CalibrateOutputSchema = z.object({
  plugin: z.object({ id: z.string(), version: z.string() }),
  detector: z.string(),
  input: z.enum(['simulated', 'file']),
  runs: z.array(
    z.object({
      since: TimeJsonSchema.describe('start of validity of the constants of this run'),
      summary: z.record(z.string(), MeasurementSchema).describe('the numbers of the calibration, each with its error and unit'),
      fits: z.record(z.string(), FitSummarySchema),
      written: z.array(WrittenSchema),
      conditionsUsed: z.array(z.object({ record: z.string(), tag: z.string(), hash: z.string(), since: TimeJsonSchema })),
      plots: z.array(z.string()).describe('SVG files written'),
      wallTime: MeasurementSchema.describe('wall time of this run, s'),
      truth: z.unknown().optional().describe('the injected truth of a simulated sample (closure), when the detector publishes it'),
    }),
  ),
});
export type CalibrateOutput = z.infer<typeof CalibrateOutputSchema>;
