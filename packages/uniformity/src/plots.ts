import type { PlotSpec } from '@nucal/core';
import { density2d, fitQuality, line, plot, points, sampleCurve, PLOT_COLORS } from '@nucal/numeric';
import type { EnergyPoint } from './measure-resolution.js';
import type { ResolutionFit } from './resolution-fit.js';
import { sigmaOverEPercent } from './resolution-model.js';
import type { ResponseMapLike } from './response-map.js';

/** A calibration point drawn on the map plot: u = cos(theta), v = (r/R)^3 and its system. */
export interface MapPlotPoint {
  readonly u: number;
  readonly v: number;
  readonly system: string;
}

/**
 * Heat map of a relative response g(u, v) over (cos theta, (r/R)^3), 60 x 60 cells, with the
 * calibration points on top.
 *
 * @example gMapPlot((u, v) => cal.surface(u, v), cal.peaks, 'g from 250 points')
 */
export function gMapPlot(g: (u: number, v: number) => number, calibrationPoints: readonly MapPlotPoint[], title: string, name = 'g-map'): PlotSpec {
  const n = 60;
  const edges = Array.from({ length: n + 1 }, (_, i) => i / n);
  const uEdges = edges.map((e) => -1 + 2 * e);
  const values: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values.push(g(0.5 * (uEdges[i]! + uEdges[i + 1]!), 0.5 * (edges[j]! + edges[j + 1]!)));
  const systems = [...new Set(calibrationPoints.map((p) => p.system))];
  const spec = plot(
    { title, subtitle: 'relative response g (1 at the centre) in equal-volume coordinates; points: calibration sources', x: { label: 'cos θ', domain: [-1, 1] }, y: { label: '(r/R)³', domain: [0, 1.0] } },
    [
      density2d({ xEdges: uEdges, yEdges: edges, values, title: 'g' }),
      ...systems.map((s, k) => {
        const pts = calibrationPoints.filter((p) => p.system === s);
        return points({ x: pts.map((p) => p.u), y: pts.map((p) => Math.min(p.v, 1)), series: s, color: PLOT_COLORS.series[(2 * k + 1) % PLOT_COLORS.series.length]!, size: 18 });
      }),
    ],
  );
  return { name, title, spec };
}

/**
 * Expected PE per MeV versus radius at several polar angles (phi = 0), from a response map.
 *
 * @example peVersusRadiusPlot(map)
 */
export function peVersusRadiusPlot(map: ResponseMapLike, thetasDeg: readonly number[] = [0, 45, 90, 135, 180]): PlotSpec {
  const R = map.lsRadiusCm;
  const layers = thetasDeg.map((t, k) => {
    const th = (t * Math.PI) / 180;
    const r = Array.from({ length: 300 }, (_, i) => (R * (i + 0.5)) / 300);
    return line({ x: r.map((x) => x / 100), y: r.map((x) => map.peMeV(x * Math.sin(th), 0, x * Math.cos(th))), series: `θ = ${t}°`, color: PLOT_COLORS.series[k % PLOT_COLORS.series.length]! });
  });
  const title = 'Light yield versus radius';
  return { name: 'pe-per-mev-vs-r', title, spec: plot({ title, subtitle: 'true response map, phi = 0', x: { label: 'r', unit: 'm' }, y: { label: 'PE per MeV', unit: 'PE/MeV' } }, layers) };
}

/**
 * sigma/E versus visible energy with the fitted sqrt((a/sqrt(E))^2 + b^2 + (c/E)^2).
 *
 * @example resolutionPlot(result.energies, fit, 'ideal')
 */
export function resolutionPlot(energies: readonly EnergyPoint[], fit: ResolutionFit, label: string): PlotSpec {
  const e = energies.map((p) => p.meanMeV);
  const eMin = Math.min(...e) * 0.9;
  const eMax = Math.max(...e) * 1.05;
  const v = fit.values;
  const title = `Energy resolution, ${label}`;
  const spec = plot(
    {
      title,
      subtitle: `a = ${v.a.toFixed(3)}%, b = ${v.b.toFixed(3)}%, c = ${v.c.toFixed(3)}%, a_eff = ${fit.aEff.value.toFixed(3)} ± ${fit.aEff.error.toFixed(3)}%`,
      x: { label: 'E_rec', unit: 'MeV' },
      y: { label: 'σ/E', unit: '%' },
    },
    [
      points({ x: e, y: energies.map((p) => p.sigmaOverEPercent), yError: energies.map((p) => p.errorPercent), series: 'toy positrons' }),
      line({ ...sampleCurve((x) => sigmaOverEPercent(x, v), eMin, eMax), series: 'fit', color: PLOT_COLORS.fit }),
      fitQuality(fit),
    ],
  );
  return { name: `resolution-${label}`, title, spec };
}

/**
 * a_eff versus the number of calibration points (optimised selection, and random subsets).
 *
 * @example aEffVersusPointsPlot([{ label: 'greedy', n: [..], aEff: [..], error: [..] }])
 */
export function aEffVersusPointsPlot(series: readonly { label: string; n: readonly number[]; aEff: readonly number[]; error?: readonly number[] }[]): PlotSpec {
  const title = 'a_eff versus number of calibration points';
  const spec = plot(
    { title, subtitle: 'ACU and GT points fixed; CLS points added', x: { label: 'calibration points' }, y: { label: 'a_eff', unit: '%' } },
    series.map((s, k) =>
      points({ x: s.n, y: s.aEff, ...(s.error ? { yError: s.error } : {}), series: s.label, color: PLOT_COLORS.series[k % PLOT_COLORS.series.length]! }),
    ),
  );
  return { name: 'a-eff-vs-points', title, spec };
}
