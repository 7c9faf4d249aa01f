import { NotFoundError, ValidationError, type PlotSpec } from '@nucal/core';
import type { RandomSource } from '@nucal/core';
import type { SourcePoint } from './calibration-point.js';
import { measureDarkNoise } from './dark-noise.js';
import { uniformCalibration, type EnergyCalibration } from './energy-calibration.js';
import { NH_GAMMA_MEV, simulateGammaEvents } from './gamma-event-toy.js';
import { opticsMapFactory, type MapFactory } from './map-factory.js';
import { DEFAULT_KINETIC_ENERGIES_MEV, measureResolution, type EnergyPoint } from './measure-resolution.js';
import { VoxelAccumulator } from './measure-voxel-map.js';
import { allocateSample } from './event-sample.js';
import { simulatePointEvents } from './point-event-toy.js';
import { simulatePointData } from './point-data.js';
import { calibrateFromPoints, type PointPeak } from './point-map.js';
import { positronVisibleMeV } from './positron-visible-energy.js';
import { fitResolution } from './resolution-fit.js';
import type { ValueError } from './resolution-model.js';
import type { ResponseMapLike } from './response-map.js';
import { SCENARIOS, type ScenarioDefinition } from './scenarios.js';
import { ToyConfigSchema, type ToyConfig } from './toy-config.js';
import { scenarioPlots } from './scenario-plots.js';
import { scenarioCalibrationPoints, scenarioStreams } from './scenario-streams.js';

/**
 * Voxels of the ideal map: 50 (r^3) x 20 (cos theta) x 20 (phi) = 20,000; r^3 is binned
 * finest because the response changes fastest near the edge.
 */
export const IDEAL_VOXELS = { nV: 50, nU: 20, nPhi: 20 } as const;
/** Voxels of the phi-symmetric and single-gamma maps: the ideal grid without phi, 50 (r^3) x 20 (cos theta). */
export const PHI_SYMMETRIC_VOXELS = { nV: 50, nU: 20, nPhi: 1 } as const;

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  readonly seed?: string | number;
  /** Positrons per kinetic energy (default 200,000). */
  readonly eventsPerEnergy?: number;
  readonly kineticEnergiesMeV?: readonly number[];
  /** n-H source events per calibration point (default 20,000). */
  readonly eventsPerPoint?: number;
  /** Calibration points of the finite-points scenarios (default: 27 ACU + 23 GT + 200 CLS). */
  readonly points?: readonly SourcePoint[];
  /** Builds the truth map of a detector variant (default: @nucal/optics' buildResponseMap). */
  readonly mapFactory?: MapFactory;
  /**
   * Positron calibration events of the ideal and phi-symmetric maps in all, pooled over
   * energies (default the larger of eventsPerEnergy x energies and 500 x 20,000 voxels).
   */
  readonly idealCalibrationEvents?: number;
  /** Attach Vega-Lite plots (default true). */
  readonly plots?: boolean;
}

/** What a scenario run returns: plain JSON-able data. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly description: string;
  readonly buildsOn: string | null;
  /** Resolution terms, percent (a in % sqrt(MeV), c in % MeV). */
  readonly a: ValueError;
  readonly b: ValueError;
  readonly c: ValueError;
  readonly aEff: ValueError;
  /** Mean over energies of the energy-scale bias of all events relative to central events, percent. */
  readonly biasPct: number;
  /** Largest |bias| over the energies, percent. */
  readonly maxAbsBiasPct: number;
  readonly fit: { covariance: number[][]; chi2: number; ndof: number; pValue: number | null; valid: boolean };
  readonly energies: EnergyPoint[];
  /** Bias per energy, percent, same order as `energies`. */
  readonly biasByEnergyPct: number[];
  readonly calibration: {
    readonly kind: string;
    readonly y0PePerMeV: number;
    readonly trueCentrePeMeV: number;
    readonly darkOffsetPe: number;
    readonly points?: number;
    readonly voxels?: number;
  };
  readonly settings: { seed: string; eventsPerEnergy: number; eventsPerPoint: number; toy: ToyConfig; response: Record<string, unknown> };
  readonly seconds: number;
  readonly plots: PlotSpec[];
}

/**
 * Runs one named scenario: builds the truth map of its detector, measures the dark-noise
 * offset and g_cal the scenario's way (from calibration data only), then simulates positrons
 * of 0-8 MeV kinetic energy uniform in the LS (or at the centre), reconstructs their energy,
 * fits each energy's peak and the (a, b, c) model, and compares the energy scale with events
 * at the centre.
 *
 * @example
 * const r = runScenario('ideal', { seed: 1, eventsPerEnergy: 100_000 });
 * r.aEff // { value: 2.9..., error: 0.00... } (percent)
 */
export function runScenario(name: string, options: RunScenarioOptions = {}): ScenarioResult {
  const def = SCENARIOS[name];
  if (!def) throw new NotFoundError(`scenario '${name}' is unknown: expected one of ${Object.keys(SCENARIOS).join(', ')}`);
  const t0 = performance.now();
  const seed = String(options.seed ?? 'uniformity');
  const nE = options.eventsPerEnergy ?? 200_000;
  const nP = options.eventsPerPoint ?? 20_000;
  if (!(nE >= 1000)) throw new ValidationError(`eventsPerEnergy ${nE}: expected >= 1000`);
  const energies = options.kineticEnergiesMeV ?? DEFAULT_KINETIC_ENERGIES_MEV;
  const streams = scenarioStreams(name, seed);
  const rng = streams.scenario;
  const toy = ToyConfigSchema.parse(def.toy);
  const factory = options.mapFactory ?? opticsMapFactory;
  // one detector per seed and settings: its random PMT draws do not depend on the scenario
  const map = factory(def.response, streams.detector);
  const dark = measureDarkNoise(toy, rng.fork('dark-noise'));
  const { cal, extra } = calibrate(def, map, toy, dark.offsetPe, nE, nP, energies, options, rng.fork('calibration'));
  const physics = measureResolution(map, toy, cal, dark.offsetPe, def.vertices, nE, rng.fork('physics'), energies);
  // central reference: the same calibration, events at the centre (a quarter of the statistics)
  const central = def.vertices === 'centre' ? physics : measureResolution(map, toy, cal, dark.offsetPe, 'centre', Math.max(1000, Math.round(nE / 4)), rng.fork('central'), energies);
  const fit = fitResolution({
    energyMeV: physics.map((p) => p.meanMeV),
    sigmaOverEPercent: physics.map((p) => p.sigmaOverEPercent),
    errorPercent: physics.map((p) => p.errorPercent),
  });
  const bias = physics.map((p, i) => 100 * (p.meanMeV / central[i]!.meanMeV - 1));
  const result: ScenarioResult = {
    scenario: def.name,
    description: def.description,
    buildsOn: def.buildsOn,
    a: { value: fit.values.a, error: fit.errors.a },
    b: { value: fit.values.b, error: fit.errors.b },
    c: { value: fit.values.c, error: fit.errors.c },
    aEff: fit.aEff,
    biasPct: bias.reduce((s, x) => s + x, 0) / bias.length,
    maxAbsBiasPct: Math.max(...bias.map(Math.abs)),
    fit: { covariance: fit.covariance, chi2: fit.chi2, ndof: fit.ndof, pValue: fit.pValue, valid: fit.valid },
    energies: physics,
    biasByEnergyPct: bias,
    calibration: { kind: def.correction, y0PePerMeV: cal.y0PePerMeV, trueCentrePeMeV: map.centrePeMeV, darkOffsetPe: dark.offsetPe, ...extra.counts },
    settings: { seed, eventsPerEnergy: nE, eventsPerPoint: nP, toy, response: { ...def.response } },
    seconds: 0,
    plots: [],
  };
  const plots = options.plots === false ? [] : scenarioPlots(result, fit, map, cal, extra.peaks);
  return { ...result, plots, seconds: (performance.now() - t0) / 1000 };
}

interface CalibrationExtra {
  readonly counts: { points?: number; voxels?: number };
  readonly peaks?: PointPeak[];
}

function calibrate(
  def: ScenarioDefinition,
  map: ResponseMapLike,
  toy: ToyConfig,
  darkOffsetPe: number,
  nE: number,
  nP: number,
  energies: readonly number[],
  options: RunScenarioOptions,
  rng: RandomSource,
): { cal: EnergyCalibration; extra: CalibrationExtra } {
  const R = map.lsRadiusCm;
  switch (def.correction) {
    case 'none': {
      // Y0 from central calibration events of the n-H gamma line
      const ev = simulatePointEvents(map, toy, NH_GAMMA_MEV, Math.max(1000, Math.round(nE / 4)), 'centre', rng.fork('centre-nH'));
      let q = 0;
      for (let i = 0; i < ev.count; i++) q += ev.chargePe[i]! - darkOffsetPe;
      return { cal: uniformCalibration(q / ev.count / NH_GAMMA_MEV), extra: { counts: {} } };
    }
    case 'ideal':
    case 'phi-symmetric': {
      // An independent positron sample (the physics events never correct themselves), pooled
      // over the energies (the map does not depend on energy here), with at least 500 events
      // per voxel so that the voxel statistics stay below 0.1% ("ideal").
      const shape = def.correction === 'ideal' ? IDEAL_VOXELS : PHI_SYMMETRIC_VOXELS;
      const total = Math.max(nE * energies.length, options.idealCalibrationEvents ?? 500 * IDEAL_VOXELS.nV * IDEAL_VOXELS.nU * IDEAL_VOXELS.nPhi);
      const perEnergy = Math.ceil(total / energies.length);
      const acc = new VoxelAccumulator(shape, R, darkOffsetPe);
      const buf = allocateSample(perEnergy);
      for (const t of energies) {
        const e = positronVisibleMeV(t);
        acc.add(simulatePointEvents(map, toy, e, perEnergy, 'uniform', rng.fork(`positrons-${t}`), buf), e);
      }
      const cal = acc.finish();
      return { cal, extra: { counts: { voxels: shape.nV * shape.nU * shape.nPhi } } };
    }
    case 'single-gamma-source': {
      // as many captures as calibration positrons elsewhere, in chunks drawn twice from the
      // same streams: a first pass for each voxel's mean and width, a second within +-3 sigma
      const chunk = (k: number) => simulateGammaEvents(map, toy, NH_GAMMA_MEV, nE, 'uniform', rng.fork(`n-H-${k}`));
      const first = new VoxelAccumulator(PHI_SYMMETRIC_VOXELS, R, darkOffsetPe);
      for (let k = 0; k < energies.length; k++) first.add(chunk(k), NH_GAMMA_MEV);
      const second = new VoxelAccumulator(PHI_SYMMETRIC_VOXELS, R, darkOffsetPe, { window: first.window(3) });
      for (let k = 0; k < energies.length; k++) second.add(chunk(k), NH_GAMMA_MEV);
      const cal = second.finish();
      return { cal, extra: { counts: { voxels: PHI_SYMMETRIC_VOXELS.nV * PHI_SYMMETRIC_VOXELS.nU } } };
    }
    case 'finite-points': {
      const points = options.points ?? scenarioCalibrationPoints();
      const data = simulatePointData(map, toy, points, nP, rng.fork('points'));
      const cal = calibrateFromPoints(data, darkOffsetPe, R);
      return { cal, extra: { counts: { points: points.length }, peaks: cal.peaks } };
    }
  }
}
