import type { CalibrationContext, CalibrationResult, FitSummary, Measurement, PlotSpec } from '@nucal/core';
import { defineCalibrationPlugin, measurement } from '@nucal/core';
import {
  driftVelocityRecord,
  duneEnergyScaleRecord,
  lifetimeRecord,
  spaceChargeRecord,
  t0Record,
  type DriftVelocityPayload,
  type EnergyScalePayload,
  type T0Payload,
} from '@nucal/tpc-drift';
import { energyScaleFromStoppingMuons, type EnergyScaleOptions } from './calibrate-energy-scale.js';
import { t0FromCosmics, vdFromCosmics, type DriftCalibrationOptions } from './calibrate-drift.js';
import { DEFAULT_TRUNCATION, lifetimeFromCosmics, type LifetimeCalibration, type LifetimeCalibrationOptions } from './calibrate-lifetime.js';
import { compareDedxProfile, dedxHitDensity, dedxWindowFitSummary, type DedxComparison, type DedxHitDensity } from './dedx-comparison.js';
import { DEFAULT_DEDX_PROFILE_BINS_CM, stoppingMuonDedxProfile, type DedxProfile } from './dedx-profile.js';
import { michelScaleFromCosmics, michelSpectrum, type MichelScaleResult } from './calibrate-michel.js';
import { classRates, type ClassRates } from './class-rates.js';
import { spaceChargeFromCosmics, type SpaceChargeOptions } from './calibrate-space-charge.js';
import type { ReconstructedSample } from './cosmic-sample.js';
import { HitCollectionSchema, type HitCollection } from './hit-collection.js';
import { hitCollectionHash } from './sample-hash.js';
import { reconstructCosmics, type ReconstructionOptions } from './reco/reconstruct-cosmics.js';
import type { MichelResponseInput } from './michel.js';
import { classRatesPlot, dedxVsResidualRangePlot, lifetimePlot, michelPlot } from './plots.js';
import { simulateCosmics, type CosmicTruth } from './simulate-cosmics.js';
import { COSMICS_VERSION } from './version.js';
import { DEFAULT_WIRES_PER_GROUP } from './wire-groups.js';
import type { CosmicSimulationConfigInput } from './simulation-config.js';

/** Options of {@link cosmicsPlugin}: settings of the pattern recognition and of each calibration step. */
export interface CosmicsPluginOptions {
  readonly reconstruction?: ReconstructionOptions;
  readonly drift?: DriftCalibrationOptions;
  readonly lifetime?: LifetimeCalibrationOptions;
  readonly energyScale?: EnergyScaleOptions;
  /** Michel response model used by the Michel energy-scale test (default: the simulation's default). */
  readonly michel?: MichelResponseInput;
  /** Skip the Michel test (default false). */
  readonly skipMichel?: boolean;
  /**
   * Measure the space-charge map from face-crossing ends and write `dune.space-charge` (default
   * false: the far detector at depth has none; true or options for a surface detector).
   */
  readonly spaceCharge?: boolean | SpaceChargeOptions;
}

function ratioFit(name: string, value: number, error: number): FitSummary {
  return { parameters: [name], values: { [name]: value }, errors: { [name]: error }, covariance: [[error * error]], chi2: 0, ndof: 0, valid: Number.isFinite(value) && error >= 0 };
}

/**
 * Residual-range bins of the dE/dx plot: the default bins, with the MIP window's edges added
 * when they are not bin edges already (so that bins lie either inside or outside the window).
 */
function dedxProfileBins(window: readonly [number, number]): number[] {
  const edges = new Set([...DEFAULT_DEDX_PROFILE_BINS_CM, window[0], window[1]].filter((e) => e >= 0));
  return [...edges].sort((a, b) => a - b);
}

/** The calibration steps' results on one sample. */
interface CosmicsCalibration {
  readonly rates: ClassRates;
  readonly t0: T0Payload;
  readonly vd: DriftVelocityPayload;
  readonly lifetime: LifetimeCalibration;
  /** The energy-scale payload with its fit summary. */
  readonly scale: EnergyScalePayload;
  readonly window: readonly [number, number];
  readonly dedx: { readonly profile: DedxProfile; readonly comparison: DedxComparison; readonly density: DedxHitDensity };
  readonly michel: MichelScaleResult | null;
}

/**
 * The calibration chain: class rates, t0, <vd>, lifetime, energy scale, the stopping-muon dE/dx
 * profile against its expectation (its toy on the stream `ctx.rng.fork('dedx-profile')`, so the
 * constants do not depend on it) and the Michel test.
 */
function calibrateSteps(sample: ReconstructedSample, ctx: CalibrationContext, options: CosmicsPluginOptions): CosmicsCalibration {
  const rates = classRates(sample);
  const t0 = t0FromCosmics(sample, options.drift);
  ctx.progress.advance();
  const vd = vdFromCosmics(sample, t0, options.drift);
  ctx.progress.advance();
  const lifetime = lifetimeFromCosmics(sample, t0, vd, options.lifetime);
  ctx.progress.advance();
  const es = energyScaleFromStoppingMuons(sample, t0, lifetime.payload, ctx.rng, options.energyScale);
  ctx.progress.advance();
  const scale: EnergyScalePayload = { ...es.payload, fit: ratioFit('electronsPerAdc', es.payload.electronsPerAdc, es.payload.errorElectronsPerAdc) };
  const window = options.energyScale?.residualRangeCm ?? ([100, 200] as const);
  const profile = stoppingMuonDedxProfile(sample, t0, lifetime.payload, scale, ctx.rng.fork('dedx-profile'), {
    binEdgesCm: dedxProfileBins(window),
    ...(options.energyScale?.diffusionCorrection === false ? { diffusion: false } : {}),
  });
  const rangeMaxCm = Math.max(profile.binHighCm[profile.binHighCm.length - 1] ?? 0, window[1]);
  const dedx = { profile, comparison: compareDedxProfile(profile, window), density: dedxHitDensity(profile, { rangeMaxCm }) };
  const michel = !options.skipMichel && sample.michel.count >= 5 ? michelScaleFromCosmics(sample, t0, lifetime.payload, scale, options.michel) : null;
  return { rates, t0, vd, lifetime, scale, window, dedx, michel };
}

/** The fit diagnostics and the summary (measurements with errors and units) of the chain. */
function fitsAndSummary(sample: ReconstructedSample, c: CosmicsCalibration): { fits: Record<string, FitSummary>; summary: Record<string, Measurement> } {
  const fits: Record<string, FitSummary> = {};
  const summary: Record<string, Measurement> = { days: measurement(sample.days, 0, 'day') };
  summary['reco.tracks'] = measurement(sample.tracks.count, 0, '1');
  summary['reco.chargeHitsOnTracks'] = measurement(sample.reconstruction.chargeHitsOnTracks, 0, '1');
  for (const [name, r] of Object.entries(c.rates)) summary[`rate.${name}`] = measurement(r.perDay, r.errorPerDay, '1/day');
  for (const e of c.t0.tpcs) {
    fits[`t0.tpc${e.tpc}`] = e.fit;
    summary[`t0.tpc${e.tpc}`] = measurement(e.t0OffsetUs, e.errorUs, 'us');
  }
  for (const e of c.vd.tpcs) {
    if (e.fit) fits[`vd.tpc${e.tpc}`] = e.fit;
    summary[`vd.tpc${e.tpc}`] = measurement(e.vdMmPerUs, e.errorMmPerUs, 'mm/us');
  }
  for (const e of c.lifetime.payload.entries) {
    const key = e.yMinCm === undefined ? `lifetime.tpc${e.tpc}` : `lifetime.tpc${e.tpc}.y${e.yMinCm.toFixed(0)}to${(e.yMaxCm ?? 0).toFixed(0)}cm`;
    fits[key] = e.fit;
    summary[key] = measurement(e.lifetimeMs, e.errorMs, 'ms');
  }
  fits['energyScale'] = c.scale.fit!;
  summary['energyScale'] = measurement(c.scale.electronsPerAdc, c.scale.errorElectronsPerAdc, 'electrons/ADC');
  for (const e of c.scale.tpcs ?? []) summary[`energyScale.tpc${e.tpc}`] = measurement(e.electronsPerAdc, e.errorElectronsPerAdc, 'electrons/ADC');
  // The dE/dx check: data / expectation in the MIP window, chi2 of its bins against 1.
  const window = dedxWindowFitSummary(c.dedx.comparison);
  if (window) fits['dedx.mipWindow'] = window;
  if (c.michel) {
    fits['michel.scale'] = c.michel.fit;
    summary['michel.scale'] = measurement(c.michel.scale, c.michel.scaleError, '1');
  }
  return { fits, summary };
}

/** The plots of the chain, each drawing what the steps computed. */
function cosmicsPlots(c: CosmicsCalibration, options: CosmicsPluginOptions): PlotSpec[] {
  const lifetimeOptions = {
    estimator: c.lifetime.payload.estimator,
    truncation: options.lifetime?.truncation ?? DEFAULT_TRUNCATION,
    wiresPerGroup: options.lifetime?.wiresPerGroup ?? DEFAULT_WIRES_PER_GROUP,
  };
  const plots: PlotSpec[] = [lifetimePlot(c.lifetime.profiles, lifetimeOptions), dedxVsResidualRangePlot(c.dedx), classRatesPlot(c.rates)];
  if (c.michel) plots.push(michelPlot(michelSpectrum(c.michel), c.michel.scale, c.michel.scaleError));
  return plots;
}

/**
 * The cosmic-muon calibration plugin `dune.cosmics`. Its input is a {@link HitCollection} (what
 * the detector records, no truth); `calibrate` first runs the pattern recognition
 * ({@link reconstructCosmics}) and then the chain on the reconstructed tracks: t0 (APA crossers) -> <vd> (CPA crossers, given t0) -> lifetime per TPC and height slice
 * (through-going MIPs, given t0 and vd) -> energy scale (stopping muons, given the lifetime),
 * so one plugin produces the four records `dune.t0`, `dune.drift-velocity`, `dune.lifetime` and
 * `dune.energy-scale` (records defined by `@nucal/tpc-drift`). One plugin rather than four
 * because each step needs the previous steps' results from the same sample and one simulation
 * serves them all; the lead's CLI writes each payload to its own tag.
 *
 * @example
 * const plugin = cosmicsPlugin({ energyScale: { binning: 'tpc' } });
 * const { input, truth } = plugin.simulate({ days: 1, inject: { tpcs: { '2': { lifetimeMs: 6 } } } }, createRng(42));
 * const result = await plugin.calibrate(input, { rng: createRng(42), logger: silentLogger, progress: silentProgress });
 */
export function cosmicsPlugin(options: CosmicsPluginOptions = {}) {
  return defineCalibrationPlugin<HitCollection, CosmicSimulationConfigInput, Omit<CosmicTruth, 'sample'>>({
    id: 'dune.cosmics',
    version: COSMICS_VERSION,
    records: options.spaceCharge ? [t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord, spaceChargeRecord] : [t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord],
    requires: [],
    input: HitCollectionSchema,
    simulate: (config, rng) => {
      // The per-TPC truth only: the true tables (millions of deposits) stay with simulateCosmics.
      const { hits, truth } = simulateCosmics(config, rng);
      const { sample: _tables, ...summary } = truth;
      return { input: hits, truth: summary };
    },
    calibrate: async (hits, ctx): Promise<CalibrationResult> => {
      ctx.progress.start(6, 'dune.cosmics calibration');
      const sample = reconstructCosmics(hits, options.reconstruction);
      ctx.progress.advance();
      const c = calibrateSteps(sample, ctx, options);
      const { fits, summary } = fitsAndSummary(sample, c);
      const plots = cosmicsPlots(c, options);
      const sce = options.spaceCharge ? spaceChargeFromCosmics(sample, options.spaceCharge === true ? {} : options.spaceCharge) : null;
      if (sce) fits['spaceCharge'] = sce.fit;
      ctx.progress.advance();
      ctx.progress.stop();
      return {
        payloads: [
          { record: t0Record, payload: c.t0 },
          { record: driftVelocityRecord, payload: c.vd },
          { record: lifetimeRecord, payload: c.lifetime.payload },
          { record: duneEnergyScaleRecord, payload: c.scale },
          ...(sce ? [{ record: spaceChargeRecord, payload: sce }] : []),
        ],
        fits,
        plots,
        provenance: {
          plugin: { id: 'dune.cosmics', version: COSMICS_VERSION },
          input: {
            description: `cosmic-muon hit collection: ${hits.liveDays} day(s) at ${hits.depthKmwe} km.w.e., ${hits.events.count} triggers, ${hits.hits.count} hits; reconstructed ${sample.tracks.count} tracks`,
            hash: hitCollectionHash(hits),
          },
          seed: ctx.rng.seed,
          createdAt: new Date().toISOString(),
          metadata: { classRatesPerDay: Object.fromEntries(Object.entries(c.rates).map(([k, r]) => [k, r.perDay])) },
        },
        summary,
      };
    },
  });
}
