import { FitError, ValidationError } from '@nucal/core';
import type { EnergyCalibration } from './energy-calibration.js';
import { NH_GAMMA_MEV } from './gamma-event-toy.js';
import { fitGaussianHistogram, type GaussianPeak } from './gaussian-peak-fit.js';
import type { PointData } from './point-data.js';
import { fitSmoothingSpline2D, splineEvaluator, type SplineSurface, type SurfacePoint } from './smoothing-spline-2d.js';
import { UvTable } from './uv-table.js';

/**
 * Breakpoints in u = cos(theta): every 0.25, denser towards the top (u = 0.9, 0.97: theta =
 * 26 and 14 degrees) where the chimney shadows the light; the axis points sit on the ends.
 */
export const DEFAULT_U_BREAKPOINTS = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 0.9, 0.97, 1];
/**
 * Breakpoints in v = (r/R)^3, denser towards the edge where the response peaks (near 15 m,
 * v = 0.61) and falls (total reflection beyond): r = 12.6, 14.0, 15.0, 16.0, 16.5, 17.0, 17.5
 * m are v = 0.3, 0.5, 0.61, 0.74, 0.81, 0.89, 0.965 for R = 17.7 m.
 */
export const DEFAULT_V_BREAKPOINTS = [0, 0.15, 0.3, 0.4, 0.5, 0.55, 0.61, 0.67, 0.74, 0.81, 0.86, 0.9, 0.935, 0.965, 0.985, 1];

/** Options of {@link calibrateFromPoints}. */
export interface PointMapOptions {
  readonly uBreakpoints?: readonly number[];
  readonly vBreakpoints?: readonly number[];
  /** Second-difference penalties relative to the mean data weight (default 0.01 both: the point errors are small and the edge fall-off is steep). */
  readonly smoothingU?: number;
  readonly smoothingV?: number;
  /** Visible energy of the source gamma, MeV (default n-H 2.2232). */
  readonly sourceVisibleMeV?: number;
}

/** The peak measured at one point, in the map's coordinates. */
export interface PointPeak {
  readonly system: string;
  /** cos(theta) and (r/R)^3 the peak is assigned to. */
  readonly u: number;
  readonly v: number;
  readonly peak: GaussianPeak;
  /** (peak - dQ_DR) / (centre peak - dQ_DR) and its error. */
  readonly g: number;
  readonly gError: number;
}

/** A calibration built from finite calibration points. */
export interface PointMapCalibration extends EnergyCalibration {
  readonly spline: SplineSurface;
  readonly peaks: PointPeak[];
  /** g(u, v) of the spline. */
  surface(u: number, v: number): number;
}

/**
 * Builds g(r, theta) from calibration-point data, never from truth:
 * 1. a Gaussian peak fit of each point's charge spectrum (+-3 sigma window: the leakage tail
 *    of sources near the edge stays out);
 * 2. g_i = (peak_i - dQ_DR) / (peak_centre - dQ_DR), with the point nearest the centre as
 *    reference; Y0 = (peak_centre - dQ_DR) / E_source;
 * 3. each point placed at u = cos(theta) of its nominal position and v = (r/R)^3 of its
 *    nominal radius, except sources outside the LS (guide tube), whose light comes from the
 *    deposits inside: they take the radius of their mean reconstructed vertex (clamped to R);
 * 4. a penalised tensor-product cubic B-spline surface in (u, v) through the g_i weighted by
 *    their errors. Boundaries: the axis (ACU) points are data on the u = +-1 edges; the
 *    first v row of coefficients is tied (the centre is one point whatever u); beyond the
 *    outermost points the second-difference penalty continues the surface linearly, with
 *    breakpoints denser near v = 1 so the edge fall-off can be followed where there is data.
 * The surface is scaled to be exactly 1 at the centre and tabulated (201 x 401 in (u, v))
 * for the event loops.
 *
 * @example const cal = calibrateFromPoints(data, darkOffsetPe, 1770); cal.g(0, 0, 1600)
 */
export function calibrateFromPoints(data: readonly PointData[], darkOffsetPe: number, radiusCm: number, o: PointMapOptions = {}): PointMapCalibration {
  const { peaks, centrePe } = measurePointPeaks(data, darkOffsetPe, radiusCm);
  const spline = surfaceFromPeaks(peaks, o);
  const surface = splineEvaluator(spline);
  const table = new UvTable(surface, radiusCm);
  return { y0PePerMeV: centrePe / (o.sourceVisibleMeV ?? NH_GAMMA_MEV), g: (x, y, z) => table.evaluate(x, y, z), spline, peaks, surface };
}

/**
 * Steps 1-3 of {@link calibrateFromPoints}: the peak of each point, its g and where it sits in
 * (u, v); `centrePe` is the dark-noise-subtracted peak of the point nearest the centre.
 *
 * @example const { peaks } = measurePointPeaks(data, 184.9, 1770);
 */
export function measurePointPeaks(data: readonly PointData[], darkOffsetPe: number, radiusCm: number): { peaks: PointPeak[]; centrePe: number } {
  if (data.length < 6) throw new ValidationError(`uniformity map from ${data.length} calibration points: expected at least 6`);
  const fitted = data.map((d) => {
    const h = d.chargeHistogram;
    try {
      return fitGaussianHistogram({ lo: h.loPe, hi: h.hiPe, counts: h.counts });
    } catch (e) {
      throw new FitError(`peak fit of the ${d.point.system} point at r = ${d.point.rCm} cm, theta = ${d.point.thetaRad} rad failed: ${(e as Error).message}`);
    }
  });
  let ref = 0;
  data.forEach((d, i) => {
    if (d.point.rCm < data[ref]!.point.rCm) ref = i;
  });
  if (data[ref]!.point.rCm > 100) throw new ValidationError(`the calibration point nearest the centre is at ${data[ref]!.point.rCm} cm: expected one within 100 cm`);
  const c0 = fitted[ref]!.mean - darkOffsetPe;
  const c0Err = fitted[ref]!.meanError;
  const r3 = radiusCm ** 3;
  const peaks: PointPeak[] = data.map((d, i) => {
    const pk = fitted[i]!;
    const q = pk.mean - darkOffsetPe;
    const g = q / c0;
    const gError = i === ref ? c0Err / c0 : g * Math.hypot(pk.meanError / q, c0Err / c0);
    let r = d.point.rCm;
    if (r > radiusCm) {
      const [x, y, z] = d.meanVertexCm;
      r = Math.min(radiusCm, Math.hypot(x, y, z));
    }
    return { system: d.point.system, u: Math.cos(d.point.thetaRad), v: r ** 3 / r3, peak: pk, g, gError: Math.max(gError, 1e-5) };
  });
  return { peaks, centrePe: c0 };
}

/**
 * Step 4 of {@link calibrateFromPoints}: the smoothing-spline surface g(u, v) through point
 * peaks, scaled to 1 at the centre.
 *
 * @example const spline = surfaceFromPeaks(peaks);
 */
export function surfaceFromPeaks(peaks: readonly PointPeak[], o: PointMapOptions = {}, diagnostics = true): SplineSurface {
  const surfacePoints: SurfacePoint[] = peaks.map((p) => ({ x: p.u, y: p.v, value: p.g, error: p.gError }));
  const spline = fitSmoothingSpline2D(surfacePoints, {
    xBreakpoints: o.uBreakpoints ?? DEFAULT_U_BREAKPOINTS,
    yBreakpoints: o.vBreakpoints ?? DEFAULT_V_BREAKPOINTS,
    smoothingX: o.smoothingU ?? 0.01,
    smoothingY: o.smoothingV ?? 0.01,
    tieFirstRow: 100,
    diagnostics,
  });
  // g is 1 at the centre by the definition of Y0: rescale the surface so that it is exactly
  // (the tied first row is its value at v = 0, whatever u)
  const ny = spline.yBreakpoints.length + 2;
  const nx = spline.xBreakpoints.length + 2;
  let atCentre = 0;
  for (let i = 0; i < nx; i++) atCentre += spline.coefficients[i * ny]! / nx;
  return { ...spline, coefficients: spline.coefficients.map((c) => c / atCentre) };
}
