import { z } from 'zod';
import {
  type CalibrationContext, type CalibrationResult, type Measurement, type PlotSpec, FitError, ValidationError, contentHash, formatZodIssues, measurement,
} from '@nucal/core';
import { linearInterpolator, mean, stdDev, toFitSummary } from '@nucal/numeric';
import { getSource, totalGammaEnergyMeV } from '@nucal/sources';
import { b12FolderFromSources } from './b12-components.js';
import { B12Binning } from './b12-prediction.js';
import { covarianceBandRel, FIT_COVARIANCE_BAND, systematicBand } from './band.js';
import { nonlinearityChi2, B12Statistic, type GammaPoint } from './chi2.js';
import type { ElectronGrid } from './electron-grid.js';
import { fitNonlinearity } from './fit.js';
import { fNonlin, NONLIN_PARAMETERS, type NonlinParams } from './model.js';
import { fitPeak, histogramAroundPeak, type PeakFit } from './peak-fit.js';
import { b12SpectrumPlot, electronNonlinearityPlot, gammaNonlinearityPlot, positronBiasPlot, type GammaPlotPoint } from './plots.js';
import { positronKineticMeV } from './positron.js';
import { junoEnergyScaleRecord, nonlinearityRecord, type EnergyScaleV1, type NonlinearityV1 } from './records.js';
import { ResolutionModel } from './resolution.js';
import { NonlinearitySample, type PeakModel } from './sample.js';
import { SecondariesOptions } from './secondaries.js';
import { sourceKernel } from './source-kernel.js';
import { DEFAULT_SYSTEMATICS, SystematicEffect } from './systematics.js';
import { withUncorrelatedErrors } from './uncorrelated-errors.js';
import { PACKAGE_VERSION } from './version.js';

/** Plugin id of the non-linearity calibration. */
export const NONLINEARITY_PLUGIN_ID = 'juno.nonlinearity';

/** Energies (MeV) of the stored band: 0.25 to 12 MeV, 40 log-spaced points. */
export const DEFAULT_BAND_ENERGIES_MEV: readonly number[] = Array.from({ length: 40 }, (_, i) => 0.25 * Math.pow(12 / 0.25, i / 39));

/** Options of the non-linearity calibration (the plugin factory's argument). */
export const NonlinearityOptions = z.object({
  secondaries: SecondariesOptions.prefault({}),
  b12Binning: B12Binning.prefault({}),
  statistic: B12Statistic.default('neyman'),
  floatNormalisation: z.boolean().default(false).describe('float the B-12 normalisation instead of normalising to the data'),
  systematics: z
    .object({
      effects: z
        .array(SystematicEffect)
        .default([...DEFAULT_SYSTEMATICS])
        .describe('effects of PHYSICS.md 1.2: uncorrelated ones enter sigma_i of the fit (always), correlated ones the mocks'),
      mocks: z.number().int().min(0).default(100).describe('mock data sets per effect and for the correlated ones together; 0 = fit-covariance band only'),
    })
    .prefault({}),
  bandEnergyMeV: z.array(z.number().positive()).min(2).default([...DEFAULT_BAND_ENERGIES_MEV]),
  validityMinMeV: z.number().nonnegative().default(0.5),
  validityMaxMeV: z.number().positive().default(8),
  /** Truth comparisons (summary, positron bias) use this range, MeV. */
  truthCheckMinMeV: z.number().positive().default(0.5),
  truthCheckMaxMeV: z.number().positive().default(8),
});
export type NonlinearityOptions = z.infer<typeof NonlinearityOptions>;
export type NonlinearityOptionsInput = z.input<typeof NonlinearityOptions>;

/** A measured source peak in visible energy, with how it was obtained. */
export interface MeasuredPeak {
  readonly source: string;
  readonly gammaMeV: number;
  readonly visibleMeV: number;
  /** Statistical error of the peak position, MeV. */
  readonly visibleErrMeV: number;
  /** sigma_i of the fit: the statistical error and the source's uncorrelated systematics in quadrature, MeV. */
  readonly sigmaMeV: number;
  readonly peak?: PeakFit;
}

/** Everything the calibration derived, beyond the CalibrationResult (for tests and apps). */
export interface NonlinearityDetails {
  readonly peaks: readonly MeasuredPeak[];
  readonly params: NonlinParams;
  /** Absent when the sample gives neither PE data with an nH peak nor Y0. */
  readonly energyScale?: EnergyScaleV1;
  readonly nonlinearity: NonlinearityV1;
  /** Max |f_fit / f_true - 1| over the truth-check range, when the sample carries truth. */
  readonly maxDeviationFromTruth?: number;
  /** Max |E_rec / E_true - 1| of mono-energetic positrons 1..8 MeV, when the sample carries truth. */
  readonly maxPositronBias?: number;
}

/**
 * The calibration of PHYSICS.md 1.4 on a sample: dark-noise offset, peak fits, Y0 from n-H,
 * gamma kernels, B-12 histogram and fold, the chi2 fit, the systematic band from mocks, the
 * positron check, two payloads, plots and provenance.
 *
 * @example
 * const { result, details } = await calibrateNonlinearity(sample, ctx, NonlinearityOptions.parse({}), grid);
 */
export async function calibrateNonlinearity(
  sampleIn: NonlinearitySample,
  ctx: CalibrationContext,
  options: NonlinearityOptions,
  grid: ElectronGrid,
): Promise<{ result: CalibrationResult; details: NonlinearityDetails }> {
  const parsed = NonlinearitySample.safeParse(sampleIn);
  if (!parsed.success) throw new ValidationError('juno.nonlinearity input is invalid', formatZodIssues(parsed.error.issues));
  const sample = parsed.data;
  const log = ctx.logger;

  // dark-noise offset
  const triggers = sample.darkNoise.randomTriggerPe;
  const dn = triggers
    ? { mean: mean(triggers), err: stdDev(triggers) / Math.sqrt(triggers.length) } // the schema asks >= 2 triggers
    : { mean: sample.darkNoise.offsetPe ?? 0, err: sample.darkNoise.offsetErrPe ?? 0 };

  // source peaks in PE (or visible energy)
  const seen = new Set<string>();
  const raw = sample.sources.map((s) => {
    if (seen.has(s.source)) throw new ValidationError(`source ${s.source} appears twice in the sample: expected one measurement per source`);
    seen.add(s.source);
    const src = getSource(s.source);
    const gammaMeV = totalGammaEnergyMeV(src.channels[0]!);
    const model: PeakModel = s.peakModel ?? (src.enclosed ? 'gaussian-tail' : 'gaussian');
    if (s.peakVisible) return { source: src.id, gammaMeV, visible: { mean: s.peakVisible.meanMeV, err: s.peakVisible.meanErrMeV } };
    if (s.peakPe) return { source: src.id, gammaMeV, pe: { mean: s.peakPe.meanPe, err: s.peakPe.meanErrPe } };
    const h = s.spectrum ? { lo: s.spectrum.loPe, hi: s.spectrum.hiPe, counts: s.spectrum.counts } : histogramAroundPeak(s.eventsPe!);
    const peak = fitPeak(h, model);
    if (!peak.result.valid) log.warn(`peak fit of ${src.id} is not valid: ${peak.result.message}`);
    return { source: src.id, gammaMeV, pe: { mean: peak.mean, err: peak.meanErr }, peak };
  });

  // Y0 from the n-H capture peak at the centre (PHYSICS.md 1.3), unless given; a sample of
  // visible-energy peaks only needs none (and then yields no juno.energy-scale payload)
  let y0: { value: number; err: number } | undefined;
  if (sample.y0) y0 = { value: sample.y0.y0PePerMeV, err: sample.y0.y0ErrPePerMeV };
  else {
    const nh = raw.find((r) => r.source === 'nH');
    if (nh?.pe) y0 = { value: (nh.pe.mean - dn.mean) / nh.gammaMeV, err: Math.hypot(nh.pe.err, dn.err) / nh.gammaMeV };
  }
  const needsY0 = raw.some((r) => r.pe) || sample.b12?.eventsPe !== undefined;
  if (needsY0 && y0 === undefined) throw new ValidationError('sample has PE data but no nH peak in PE and no y0: expected one of them to fix Y0');
  if (y0 !== undefined && !(y0.value > 0)) throw new ValidationError(`Y0 = ${y0.value} PE/MeV: expected > 0`);
  const y0Value = y0?.value ?? NaN;
  const visiblePeaks = raw.map((r) => {
    const v = r.visible ?? { mean: (r.pe!.mean - dn.mean) / y0Value, err: r.pe!.err / y0Value };
    return { source: r.source, gammaMeV: r.gammaMeV, visibleMeV: v.mean, visibleErrMeV: v.err, ...(r.peak ? { peak: r.peak } : {}) };
  });
  const ge68 = visiblePeaks.find((p) => p.source === 'Ge-68');
  if (!ge68) throw new ValidationError('sample has no Ge-68 peak: expected it for the annihilation visible energy of positrons');

  // the fit inputs: sigma_i = statistical (+) uncorrelated systematics of the source (PHYSICS.md 1.2)
  const gammas: GammaPoint[] = withUncorrelatedErrors(
    visiblePeaks.map((p) => ({ kernel: sourceKernel(p.source, grid, options.secondaries), measuredMeV: p.visibleMeV, errorMeV: p.visibleErrMeV })),
    options.systematics.effects,
  );
  const peaks: MeasuredPeak[] = visiblePeaks.map((p, i) => ({ ...p, sigmaMeV: gammas[i]!.errorMeV }));
  const binning = options.b12Binning;
  let b12: { folder: ReturnType<typeof b12FolderFromSources>; counts: Float64Array } | undefined;
  if (sample.b12) {
    const resolution = sample.resolution ?? ResolutionModel.parse({});
    const folder = b12FolderFromSources(grid, options.secondaries, resolution, binning, sample.b12.n12Fraction);
    let counts: Float64Array;
    if (sample.b12.histogram) {
      const hh = sample.b12.histogram;
      if (hh.counts.length !== binning.bins || Math.abs(hh.loMeV - binning.loMeV) > 1e-9 || Math.abs(hh.hiMeV - binning.hiMeV) > 1e-9) {
        throw new ValidationError(
          `B-12 histogram [${hh.loMeV}, ${hh.hiMeV}) MeV in ${hh.counts.length} bins does not match the fit binning: expected [${binning.loMeV}, ${binning.hiMeV}) in ${binning.bins}`,
        );
      }
      counts = Float64Array.from(hh.counts);
    } else {
      counts = new Float64Array(binning.bins);
      const w = (binning.hiMeV - binning.loMeV) / binning.bins;
      for (const pe of sample.b12.eventsPe!) {
        const e = (pe - dn.mean) / y0Value;
        const j = Math.floor((e - binning.loMeV) / w);
        if (j >= 0 && j < binning.bins) counts[j]!++;
      }
    }
    b12 = { folder, counts };
  }
  const chi2Options = { statistic: options.statistic, floatNormalisation: options.floatNormalisation };
  const chi2 = nonlinearityChi2(grid, gammas, b12, chi2Options);
  const fit = fitNonlinearity(grid, gammas, chi2, { floatNormalisation: options.floatNormalisation });
  if (!fit.result.valid) log.warn(`non-linearity fit is not valid: ${fit.result.message}`);
  const params = fit.params;
  const cov4 = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => fit.result.covariance[i]![j]!));
  log.info(`non-linearity fit: chi2/ndof = ${fit.result.chi2.toFixed(1)}/${fit.result.ndof}, valid ${fit.result.valid}`);

  // systematic band
  const energies = options.bandEnergyMeV;
  const band =
    options.systematics.mocks > 0
      ? systematicBand({
          grid,
          gammas,
          ...(b12 ? { b12 } : {}),
          chi2Options,
          nominal: { params, covariance: cov4 },
          effects: options.systematics.effects,
          mocks: options.systematics.mocks,
          energyMeV: energies,
          rng: ctx.rng,
          progress: ctx.progress,
        })
      : (() => {
          const cov = covarianceBandRel(params, cov4, energies);
          const low = cov.map((s) => -s);
          return { energyMeV: [...energies], lowRel: low, highRel: cov, mocks: 0, effects: [{ name: FIT_COVARIANCE_BAND, lowRel: low, highRel: cov }] };
        })();

  // payloads
  const fitSummary = toFitSummary(fit.result);
  const nonlinearity: NonlinearityV1 = {
    model: '(p0 + p3/E) / (1 + p1 exp(-p2 E))',
    parameters: params,
    errors: { p0: fit.result.errors.p0, p1: fit.result.errors.p1, p2: fit.result.errors.p2, p3: fit.result.errors.p3 },
    covariance: cov4,
    fit: fitSummary,
    band,
    validityMinMeV: options.validityMinMeV,
    validityMaxMeV: options.validityMaxMeV,
  };
  const energyScale: EnergyScaleV1 | undefined = y0
    ? {
        y0PePerMeV: y0.value,
        y0ErrPePerMeV: y0.err,
        darkNoiseOffsetPe: dn.mean,
        darkNoiseOffsetErrPe: dn.err,
        annihilationVisibleMeV: ge68.visibleMeV,
        annihilationVisibleErrMeV: ge68.visibleErrMeV,
      }
    : undefined;
  nonlinearityRecord.schema.parse(nonlinearity);
  if (energyScale) junoEnergyScaleRecord.schema.parse(energyScale);
  else log.info('no Y0 in the sample (visible-energy peaks only): juno.energy-scale is not produced');

  // truth comparisons
  const truth = sample.truth;
  let maxDeviationFromTruth: number | undefined;
  let maxPositronBias: number | undefined;
  const positronEnergies = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8];
  let positronBias: number[] | undefined;
  let truthAtBand: number[] | undefined;
  if (truth) {
    const fTrue = logInterpolator(truth.electronEnergyMeV, truth.fNonlin);
    maxDeviationFromTruth = 0;
    for (let k = 0; k <= 200; k++) {
      const e = options.truthCheckMinMeV * Math.pow(options.truthCheckMaxMeV / options.truthCheckMinMeV, k / 200);
      maxDeviationFromTruth = Math.max(maxDeviationFromTruth, Math.abs(fNonlin(e, params) / fTrue(e) - 1));
    }
    positronBias = positronEnergies.map((t) => {
      const prompt = fTrue(t) * t + truth.annihilationVisibleMeV;
      return positronKineticMeV(prompt, ge68.visibleMeV, params) / t - 1;
    });
    maxPositronBias = Math.max(...positronBias.map(Math.abs));
    truthAtBand = energies.map((e) => fTrue(e));
  }

  // plots
  const pred = chi2.predict(params, fit.norm);
  const gammaPoints: GammaPlotPoint[] = peaks.map((p, i) => ({
    source: p.source,
    gammaMeV: p.gammaMeV,
    measuredMeV: p.visibleMeV,
    errorMeV: gammas[i]!.errorMeV,
    statErrorMeV: p.visibleErrMeV,
    fittedMeV: pred.gammaMeV[i]!,
  }));
  const fitted = energies.map((e) => fNonlin(e, params));
  // the positron band: f's relative band at the positron energy, to first order
  const bandLow = logInterpolator(energies, band.lowRel);
  const bandHigh = logInterpolator(energies, band.highRel);
  const pBand = positronEnergies.map((t) => ({ low: bandLow(t), high: bandHigh(t) }));
  const plots: PlotSpec[] = [
    gammaNonlinearityPlot(gammaPoints),
    ...(b12 ? [b12SpectrumPlot(b12.folder.edgesMeV, b12.counts, pred.b12Counts)] : []),
    electronNonlinearityPlot({
      energyMeV: energies,
      fitted,
      lowRel: band.lowRel,
      highRel: band.highRel,
      ...(truthAtBand ? { truth: truthAtBand } : {}),
      effects: band.effects,
      validityMinMeV: options.validityMinMeV,
      validityMaxMeV: options.validityMaxMeV,
    }),
    positronBiasPlot(
      positronEnergies,
      positronBias?.map((b) => 100 * b),
      pBand.map((b) => -100 * b.high),
      pBand.map((b) => -100 * b.low),
    ),
  ];

  const summary: Record<string, Measurement> = {};
  const units: Record<string, string> = { p0: '1', p1: '1', p2: '1/MeV', p3: 'MeV' };
  for (const p of NONLIN_PARAMETERS) summary[p] = measurement(params[p], fit.result.errors[p], units[p]!);
  if (y0) summary.y0 = measurement(y0.value, y0.err, 'PE/MeV');
  summary.darkNoiseOffset = measurement(dn.mean, dn.err, 'PE');
  summary.annihilationVisibleEnergy = measurement(ge68.visibleMeV, ge68.visibleErrMeV, 'MeV');
  summary.b12EventsInWindow = measurement(b12 ? b12.counts.reduce((s, c) => s + c, 0) : 0, 0, 'events');
  summary.bandMaxInValidity = measurement(
    100 * Math.max(0, ...band.energyMeV.flatMap((e, i) => (e >= options.validityMinMeV && e <= options.validityMaxMeV ? [band.highRel[i]!, -band.lowRel[i]!] : []))),
    0,
    '%',
  );
  if (maxDeviationFromTruth !== undefined) summary.maxDeviationFromTruth = measurement(100 * maxDeviationFromTruth, 0, '%');
  if (maxPositronBias !== undefined) summary.maxPositronBias = measurement(100 * maxPositronBias, 0, '%');

  const result: CalibrationResult = {
    payloads: [
      { record: nonlinearityRecord, payload: nonlinearity },
      ...(energyScale ? [{ record: junoEnergyScaleRecord, payload: energyScale }] : []),
    ],
    fits: { nonlinearity: fitSummary, ...Object.fromEntries(peaks.filter((p) => p.peak).map((p) => [`peak:${p.source}`, toFitSummary(p.peak!.result)])) },
    plots,
    provenance: {
      plugin: { id: NONLINEARITY_PLUGIN_ID, version: PACKAGE_VERSION },
      input: { description: sample.description, hash: contentHash(sample) },
      seed: ctx.rng.seed,
      createdAt: new Date().toISOString(),
      fitQuality: { chi2: fit.result.chi2, ndof: fit.result.ndof, valid: fit.result.valid },
      metadata: {
        sources: peaks.map((p) => p.source),
        statistic: options.statistic,
        mocks: band.mocks,
        secondaries: options.secondaries,
        resolution: sample.resolution ?? ResolutionModel.parse({}),
      },
    },
    summary,
  };
  if (!Number.isFinite(fit.result.chi2)) throw new FitError('non-linearity fit returned a non-finite chi2');
  return {
    result,
    details: {
      peaks,
      params,
      ...(energyScale ? { energyScale } : {}),
      nonlinearity,
      ...(maxDeviationFromTruth !== undefined ? { maxDeviationFromTruth } : {}),
      ...(maxPositronBias !== undefined ? { maxPositronBias } : {}),
    },
  };
}

/** Linear interpolation of y(x) in ln x (x > 0, increasing), clamped at the ends. */
function logInterpolator(x: readonly number[], y: readonly number[]): (at: number) => number {
  const table = linearInterpolator(Float64Array.from(x, Math.log), Float64Array.from(y), { outside: 'clamp' });
  return (at) => table.at(Math.log(at));
}
