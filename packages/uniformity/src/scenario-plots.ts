import type { PlotSpec } from '@nucal/core';
import type { EnergyCalibration } from './energy-calibration.js';
import { gMapPlot, peVersusRadiusPlot, resolutionPlot } from './plots.js';
import type { PointPeak } from './point-map.js';
import type { ResolutionFit } from './resolution-fit.js';
import type { ResponseMapLike } from './response-map.js';

/** The plots of one scenario: sigma/E with its fit, the measured g map with its points, and PE/MeV vs r of the truth. */
export function scenarioPlots(
  result: { scenario: string; energies: Parameters<typeof resolutionPlot>[0] },
  fit: ResolutionFit,
  map: ResponseMapLike,
  cal: EnergyCalibration,
  peaks: readonly PointPeak[] | undefined,
): PlotSpec[] {
  const R = map.lsRadiusCm;
  // g_cal in the calibration plane (phi = 0) as a function of (u, v)
  const gOf = (u: number, v: number): number => {
    const r = R * Math.cbrt(v);
    const s = Math.sqrt(Math.max(0, 1 - u * u));
    return cal.g(r * s, 0, r * u);
  };
  return [
    resolutionPlot(result.energies, fit, result.scenario),
    gMapPlot(gOf, (peaks ?? []).map((p) => ({ u: p.u, v: p.v, system: p.system })), `Calibrated g(r, θ), ${result.scenario}`, `g-map-${result.scenario}`),
    peVersusRadiusPlot(map),
  ];
}
