import { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * A measured number with its 1-sigma error and unit: the one shape of every value a
 * calibration reports (summaries, `--json` outputs). Formatting belongs to the human view.
 */
export const MeasurementSchema = z.object({
  value: z.number(),
  error: z.number().nonnegative().describe('1-sigma uncertainty, same unit as value; 0 when exact (a count, a setting)'),
  unit: z.string().describe('unit of value and error, e.g. "us", "mm/us", "ms", "1/day", "1" for dimensionless'),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

/**
 * Builds a Measurement, refusing NaN, infinities and negative errors.
 *
 * @example
 * measurement(2.5001, 0.0027, 'us') // { value: 2.5001, error: 0.0027, unit: 'us' }
 */
export function measurement(value: number, error: number, unit: string): Measurement {
  if (!Number.isFinite(value)) throw new ValidationError(`measurement value ${value} (${unit}) is not a finite number`);
  if (!(error >= 0) || !Number.isFinite(error)) throw new ValidationError(`measurement error ${error} (${unit}) is invalid: expected a finite number >= 0`);
  return { value, error, unit };
}
