import { z } from 'zod';
import {
  contentHash, defineCalibrationPlugin, formatZodIssues, measurement, ValidationError,
  type CalibrationPlugin, type CalibrationResult, type RandomSource,
} from '@nucal/core';
import { measureDarkNoise } from './dark-noise.js';
import { defaultCalibrationPoints } from './default-points.js';
import { NH_GAMMA_MEV } from './gamma-event-toy.js';
import { opticsMapFactory, type MapFactory } from './map-factory.js';
import { gMapPlot } from './plots.js';
import { SourcePoint, sourcePosition } from './calibration-point.js';
import { PointData, simulatePointData } from './point-data.js';
import { DEFAULT_U_BREAKPOINTS, DEFAULT_V_BREAKPOINTS, calibrateFromPoints } from './point-map.js';
import { uniformityRecord, type UniformityV1 } from './records.js';
import type { ResponseOverrides } from './scenarios.js';
import { ToyConfigSchema } from './toy-config.js';
import { PACKAGE_VERSION } from './version.js';

/** Plugin id. */
export const UNIFORMITY_PLUGIN_ID = 'juno.uniformity';

/** The calibration sample: source peaks at calibration points, the dark-noise offset, the LS radius. */
export const UniformitySample = z.object({
  description: z.string().default('calibration-source runs at the ACU, CLS and GT points'),
  lsRadiusCm: z.number().positive(),
  sourceVisibleMeV: z.number().positive().default(NH_GAMMA_MEV).describe('visible energy of the source gamma, MeV'),
  darkNoise: z.object({ offsetPe: z.number().nonnegative(), errorPe: z.number().nonnegative() }).describe('dQ_DR from random triggers, PE'),
  points: z.array(PointData).min(6),
}).strict();
export type UniformitySample = z.output<typeof UniformitySample>;
export type UniformitySampleInput = z.input<typeof UniformitySample>;

/** Options of the plugin (fixed per instance). */
export const UniformityOptions = z.object({
  smoothingU: z.number().nonnegative().default(0.01).describe('second-difference penalty along cos(theta), relative to the mean point weight'),
  smoothingV: z.number().nonnegative().default(0.01).describe('same along (r/R)^3'),
  uBreakpoints: z.array(z.number()).min(2).default([...DEFAULT_U_BREAKPOINTS]),
  vBreakpoints: z.array(z.number()).min(2).default([...DEFAULT_V_BREAKPOINTS]),
});
export type UniformityOptionsInput = z.input<typeof UniformityOptions>;

/** Simulation settings of the plugin's toy sample. */
export const UniformitySimConfig = z.object({
  eventsPerPoint: z.number().int().min(100).default(20_000).describe('n-H source events per calibration point'),
  clsPoints: z.number().int().min(0).default(200).describe('CLS points besides the 27 ACU and 23 GT points'),
  points: z.array(SourcePoint).optional().describe('explicit calibration points (default ACU + GT + CLS)'),
  toy: ToyConfigSchema.default(ToyConfigSchema.parse({})),
  response: z.object({
    qeRelSpread: z.number().min(0).max(0.5).optional(),
    deadFraction: z.number().min(0).lt(1).optional(),
    deadSplit: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
    lightYieldScale: z.number().positive().optional(),
    absorptionLengthM: z.number().positive().optional(),
  }).default({}).describe('detector variant of the truth map (@nucal/optics response-map settings)'),
});
export type UniformitySimConfigInput = z.input<typeof UniformitySimConfig>;

/** The truth behind a simulated sample (closure tests only): the true light yield and g at each point. */
export interface UniformityTruth {
  readonly centrePeMeV: number;
  readonly gAtPoints: number[];
}

export type UniformityPlugin = CalibrationPlugin<UniformitySample, UniformitySimConfigInput, UniformityTruth>;

/**
 * Calibration plugin `juno.uniformity`: `simulate` draws n-H source peaks at the ACU, GT and
 * CLS points on the @nucal/optics response map of a detector variant (seeded; the truth map
 * stays in the truth), `calibrate` fits each peak and builds the g(cos theta, (r/R)^3) spline
 * from them (no truth). Summary: points used, Y0, dQ_DR, spline chi2 and effective parameters,
 * g range. The resolution terms (a, b, c, a_eff) need the positron toy on a truth map, so the
 * plugin does not evaluate them: `runScenario` does.
 *
 * @example
 * const plugin = uniformityPlugin();
 * const { input } = plugin.simulate({ eventsPerPoint: 5000 }, createRng(1));
 * const result = await plugin.calibrate(input, { rng: createRng(1), logger: silentLogger, progress: silentProgress });
 */
export function uniformityPlugin(optionsIn: UniformityOptionsInput = {}, mapFactory: MapFactory = opticsMapFactory): UniformityPlugin {
  const parsed = UniformityOptions.safeParse(optionsIn);
  if (!parsed.success) throw new ValidationError('juno.uniformity options are invalid', formatZodIssues(parsed.error.issues));
  const options = parsed.data;
  return defineCalibrationPlugin<UniformitySample, UniformitySimConfigInput, UniformityTruth>({
    id: UNIFORMITY_PLUGIN_ID,
    version: PACKAGE_VERSION,
    records: [uniformityRecord],
    requires: [],
    input: UniformitySample,
    simulate: (configIn, rng) => simulateUniformitySample(configIn, rng, mapFactory),
    calibrate: async (input, ctx) => calibrateUniformity(input, options, ctx.rng.seed),
  });
}

/**
 * Draws a seeded calibration sample on a truth map, with the truth beside it.
 *
 * @example const { input, truth } = simulateUniformitySample({ eventsPerPoint: 5000 }, createRng(1));
 */
export function simulateUniformitySample(configIn: UniformitySimConfigInput, rng: RandomSource, mapFactory: MapFactory = opticsMapFactory): { input: UniformitySample; truth: UniformityTruth } {
  const parsed = UniformitySimConfig.safeParse(configIn);
  if (!parsed.success) throw new ValidationError('juno.uniformity simulation settings are invalid', formatZodIssues(parsed.error.issues));
  const c = parsed.data;
  const map = mapFactory(c.response as ResponseOverrides, rng.fork('detector'));
  const points = c.points ?? defaultCalibrationPoints(rng.fork('cls-template'), c.clsPoints);
  const dark = measureDarkNoise(c.toy, rng.fork('dark-noise'));
  const data = simulatePointData(map, c.toy, points, c.eventsPerPoint, rng.fork('points'));
  const input = UniformitySample.parse({ lsRadiusCm: map.lsRadiusCm, darkNoise: dark, points: data });
  const gAtPoints = points.map((p) => {
    const x = sourcePosition(p);
    return map.peMeV(x.xCm, x.yCm, x.zCm) / map.centrePeMeV;
  });
  return { input, truth: { centrePeMeV: map.centrePeMeV, gAtPoints } };
}

/**
 * The calibration: peak fits, g_i, the spline; the `juno.uniformity` payload and a summary.
 *
 * @example const result = calibrateUniformity(sample, UniformityOptions.parse({}), 'seed');
 */
export function calibrateUniformity(sampleIn: UniformitySampleInput, options: z.output<typeof UniformityOptions>, seed?: string): CalibrationResult {
  const parsed = UniformitySample.safeParse(sampleIn);
  if (!parsed.success) throw new ValidationError('juno.uniformity input is invalid', formatZodIssues(parsed.error.issues));
  const s = parsed.data;
  const cal = calibrateFromPoints(s.points, s.darkNoise.offsetPe, s.lsRadiusCm, {
    uBreakpoints: options.uBreakpoints,
    vBreakpoints: options.vBreakpoints,
    smoothingU: options.smoothingU,
    smoothingV: options.smoothingV,
    sourceVisibleMeV: s.sourceVisibleMeV,
  });
  const payload: UniformityV1 = {
    lsRadiusCm: s.lsRadiusCm,
    y0PePerMeV: cal.y0PePerMeV,
    darkOffsetPe: s.darkNoise.offsetPe,
    sourceVisibleMeV: s.sourceVisibleMeV,
    spline: { uBreakpoints: cal.spline.xBreakpoints, vBreakpoints: cal.spline.yBreakpoints, coefficients: cal.spline.coefficients },
    fit: { chi2: cal.spline.chi2, effectiveParameters: cal.spline.effectiveParameters, points: cal.peaks.length, smoothingU: options.smoothingU, smoothingV: options.smoothingV },
    points: s.points.map((d, i) => {
      const pk = cal.peaks[i]!;
      return {
        system: d.point.system, rCm: d.point.rCm, thetaRad: d.point.thetaRad, phiRad: d.point.phiRad, u: pk.u, v: Math.min(1, pk.v), events: d.events,
        peakMeanPe: pk.peak.mean, peakMeanErrorPe: pk.peak.meanError, peakSigmaPe: pk.peak.sigma, g: pk.g, gError: pk.gError,
      };
    }),
  };
  const centre = cal.peaks.reduce((best, p) => (p.v < best.v ? p : best));
  const y0Error = cal.y0PePerMeV * Math.hypot(centre.peak.meanError / (centre.peak.mean - s.darkNoise.offsetPe), s.darkNoise.errorPe / (centre.peak.mean - s.darkNoise.offsetPe));
  const gs = cal.peaks.map((p) => p.g);
  const bySystem = (name: string) => s.points.filter((p) => p.point.system === name).length;
  return {
    payloads: [{ record: uniformityRecord, payload }],
    fits: {},
    plots: [gMapPlot(cal.surface, cal.peaks.map((p) => ({ u: p.u, v: p.v, system: p.system })), 'Calibrated g(r, θ) from the calibration points', 'uniformity-g-map')],
    provenance: {
      plugin: { id: UNIFORMITY_PLUGIN_ID, version: PACKAGE_VERSION },
      input: { description: s.description, hash: contentHash(s) },
      ...(seed !== undefined ? { seed } : {}),
      createdAt: new Date().toISOString(),
      metadata: { points: { ACU: bySystem('ACU'), GT: bySystem('GT'), CLS: bySystem('CLS') }, smoothingU: options.smoothingU, smoothingV: options.smoothingV },
    },
    summary: {
      pointsUsed: measurement(cal.peaks.length, 0, '1'),
      acuPoints: measurement(bySystem('ACU'), 0, '1'),
      gtPoints: measurement(bySystem('GT'), 0, '1'),
      clsPoints: measurement(bySystem('CLS'), 0, '1'),
      y0PePerMeV: measurement(cal.y0PePerMeV, y0Error, 'PE/MeV'),
      darkOffsetPe: measurement(s.darkNoise.offsetPe, s.darkNoise.errorPe, 'PE'),
      splineChi2: measurement(cal.spline.chi2, 0, '1'),
      splineEffectiveParameters: measurement(cal.spline.effectiveParameters, 0, '1'),
      gMin: measurement(Math.min(...gs), 0, '1'),
      gMax: measurement(Math.max(...gs), 0, '1'),
    },
  };
}
