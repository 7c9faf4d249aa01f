import { z } from 'zod';

/**
 * Fit diagnostics as they travel in payloads: values, errors and covariance by parameter
 * name, chi2 and degrees of freedom, and validity flags (the iminuit lesson: a fit result
 * is plain data, and a fit that did not converge says so).
 */
export const FitSummarySchema = z.object({
  parameters: z.array(z.string()).describe('parameter names, in covariance order'),
  values: z.record(z.string(), z.number()),
  errors: z.record(z.string(), z.number().nonnegative()),
  covariance: z.array(z.array(z.number())).describe('covariance matrix in parameter order'),
  chi2: z.number().nonnegative(),
  ndof: z.number().int(),
  valid: z.boolean().describe('minimiser converged and the covariance is positive definite'),
  accurateCovariance: z.boolean().optional(),
  pValue: z.number().min(0).max(1).nullable().optional().describe('p-value of chi2 for ndof; null when ndof <= 0 or the statistic is not a chi2'),
  lowPValue: z.boolean().optional().describe('pValue < 1e-3: the model does not describe the data'),
});
export type FitSummary = z.infer<typeof FitSummarySchema>;
