import { z } from 'zod';
import { defineRecord } from '@nucal/core';
import { DeploymentSystemName } from './calibration-point.js';

/** One calibration point as used by the map: where, its peak and its g. */
export const UniformityPointV1 = z.object({
  system: DeploymentSystemName,
  rCm: z.number().nonnegative().describe('nominal source radius, cm'),
  thetaRad: z.number().min(0).max(Math.PI).describe('nominal polar angle from +z, rad'),
  phiRad: z.number().describe('azimuth of the half-plane, rad'),
  u: z.number().min(-1).max(1).describe('cos(theta) the peak is assigned to'),
  v: z.number().min(0).max(1).describe('(r/R)^3 the peak is assigned to'),
  events: z.number().int().nonnegative(),
  peakMeanPe: z.number().describe('fitted peak of the charge spectrum, PE (dark noise included)'),
  peakMeanErrorPe: z.number().nonnegative(),
  peakSigmaPe: z.number().nonnegative(),
  g: z.number().positive().describe('(peak - dQ_DR) / (centre peak - dQ_DR)'),
  gError: z.number().nonnegative(),
});
export type UniformityPointV1 = z.infer<typeof UniformityPointV1>;

/**
 * Payload of `juno.uniformity` v1: the relative response g(cos theta, (r/R)^3) of the LS
 * detector as a tensor-product cubic B-spline (clamped knots on the breakpoints; coefficient
 * (i, j) at i * (vBreakpoints.length + 2) + j), the light yield at the centre and the
 * dark-noise offset it was measured with, and the calibration points used.
 */
export const UniformityV1 = z.object({
  lsRadiusCm: z.number().positive().describe('LS radius R of the (r/R)^3 coordinate, cm'),
  y0PePerMeV: z.number().positive().describe('light yield at the centre, PE per MeV of visible energy'),
  darkOffsetPe: z.number().nonnegative().describe('dark-noise charge offset dQ_DR subtracted, PE'),
  sourceVisibleMeV: z.number().positive().describe('visible energy of the calibration gamma, MeV'),
  spline: z.object({
    uBreakpoints: z.array(z.number()).min(2).describe('breakpoints in u = cos(theta), increasing, -1 .. 1'),
    vBreakpoints: z.array(z.number()).min(2).describe('breakpoints in v = (r/R)^3, increasing, 0 .. 1'),
    coefficients: z.array(z.number()).describe('B-spline coefficients, u-major'),
  }),
  fit: z.object({
    chi2: z.number().nonnegative().describe('sum ((g_i - s_i) / gError_i)^2 over the points'),
    effectiveParameters: z.number().nonnegative().describe('trace of the smoother matrix'),
    points: z.number().int().positive(),
    smoothingU: z.number().nonnegative(),
    smoothingV: z.number().nonnegative(),
  }),
  points: z.array(UniformityPointV1),
}).refine((p) => p.spline.coefficients.length === (p.spline.uBreakpoints.length + 2) * (p.spline.vBreakpoints.length + 2), {
  message: 'spline coefficients: expected (uBreakpoints + 2) x (vBreakpoints + 2)',
});
export type UniformityV1 = z.infer<typeof UniformityV1>;

/**
 * Record `juno.uniformity` (v1): position non-uniformity map of the JUNO-like LS detector.
 *
 * @example
 * import { uniformityRecord, uniformityCorrection } from '@nucal/uniformity';
 * const g = uniformityCorrection(payload).g(0, 0, 1500);
 */
export const uniformityRecord = defineRecord({
  name: 'juno.uniformity',
  version: 1,
  schema: UniformityV1,
  description: 'LS detector non-uniformity g(cos theta, (r/R)^3) as a B-spline surface from calibration-source peaks, with Y0 (PE/MeV) at the centre and the points used',
});
