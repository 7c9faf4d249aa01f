import { ValidationError, formatZodIssues } from '@nucal/core';
import type { EnergyCalibration } from './energy-calibration.js';
import { UniformityV1 } from './records.js';
import { splineEvaluator } from './smoothing-spline-2d.js';
import { UvTable } from './uv-table.js';

/** A fast evaluator of a stored `juno.uniformity` payload, for the reconstruction. */
export interface UniformityCorrection extends EnergyCalibration {
  /** Relative response g(x, y, z) (cm, detector frame), 1 at the centre; tabulated, O(1). */
  g(xCm: number, yCm: number, zCm: number): number;
  /** g(cos theta, (r/R)^3) from the spline itself. */
  surface(u: number, v: number): number;
  /** Visible energy (MeV) of an event: (Q - dQ_DR) / Y0 / g(vertex). */
  energyMeV(chargePe: number, xCm: number, yCm: number, zCm: number): number;
}

/**
 * Builds the evaluator of a `juno.uniformity` payload once (the spline tabulated on 201 x 401
 * nodes in (cos theta, (r/R)^3), bilinear lookups): then O(1) and allocation-free per event.
 *
 * @example
 * const corr = uniformityCorrection(payload);
 * corr.energyMeV(chargePe, x, y, z) // MeV
 */
export function uniformityCorrection(payloadIn: unknown): UniformityCorrection {
  const parsed = UniformityV1.safeParse(payloadIn);
  if (!parsed.success) throw new ValidationError('juno.uniformity payload is invalid', formatZodIssues(parsed.error.issues));
  const p = parsed.data;
  const surface = splineEvaluator({ xBreakpoints: p.spline.uBreakpoints, yBreakpoints: p.spline.vBreakpoints, coefficients: p.spline.coefficients, chi2: 0, effectiveParameters: 0 });
  const table = new UvTable(surface, p.lsRadiusCm);
  const inv = 1 / p.y0PePerMeV;
  return {
    y0PePerMeV: p.y0PePerMeV,
    g: (x, y, z) => table.evaluate(x, y, z),
    surface,
    energyMeV: (q, x, y, z) => ((q - p.darkOffsetPe) * inv) / table.evaluate(x, y, z),
  };
}
