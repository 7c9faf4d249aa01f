import { z } from 'zod';
import { type RandomSource, ValidationError, formatZodIssues } from '@nucal/core';
import { exponential, poisson } from '@nucal/numeric';
import { ElectronResponseConfigSchema, electronResponse, simulateEvents, transportGammas, transportSource } from '@nucal/optics';
import { B12_DECAY, N12_DECAY, b12Spectrum, betaMixtureSampler, getSource, totalGammaEnergyMeV } from '@nucal/sources';
import type { ElectronGrid } from './electron-grid.js';
import { electronVisibleMeV, NonlinParams } from './model.js';
import { histogramAroundPeak } from './peak-fit.js';
import type { ClosureTruth } from './closure.js';
import type { NonlinearitySample } from './sample.js';
import { cachedSecondaryDensity, type SecondariesOptions } from './secondaries.js';
import { InstrumentalSimConfig, measuredRandomTriggers, simulateInstrumental, type InstrumentalTruth } from './simulate-instrumental.js';
import { edgesFromCentres, rebinDensity } from './electron-grid.js';

/** The non-linearity sources of the comprehensive campaign at the centre (PHYSICS.md 1.2, 1.6). */
export const DEFAULT_SOURCES = ['Cs-137', 'Mn-54', 'Ge-68', 'K-40', 'nH', 'Co-60', 'AmBe', 'nC12', 'AmC'] as const;

/**
 * Configuration of the toy calibration sample (`simulate`). Defaults: PHYSICS.md 1.2-1.3 and 1.6:
 * 100,000 events per source at the centre (K-40 6,000), one month of B-12 at 1000 decays/day
 * with a 1 ms muon veto and a 15 m radius cut, Y0 = 1345 PE/MeV, 30 kHz dark rate on 17,612
 * LPMTs in 350 ns, 30% single-PE charge resolution, every charge measured through the channel
 * non-linearity with a laser scan recorded (`instrumental`, default on). `truth` is the true
 * electron response: the optics Birks + Cherenkov model (out-of-family, default) or the fit
 * model itself (in-family).
 */
export const NonlinearitySimConfig = z.object({
  sources: z.array(z.string()).min(4).default([...DEFAULT_SOURCES]),
  eventsPerSource: z.number().int().min(100).default(100_000),
  eventsBySource: z.record(z.string(), z.number().int().min(100)).default({ 'K-40': 6000 }),
  b12: z
    .object({
      days: z.number().positive().default(30),
      decaysPerDay: z.number().positive().default(1000).describe('B-12 (+N-12) decays per day in the whole LS'),
      vetoMs: z.number().nonnegative().default(1).describe('veto after the muon, ms'),
      fiducialRadiusM: z.number().positive().default(15),
      lsRadiusM: z.number().positive().default(17.7),
      n12Fraction: z.number().min(0).max(1).default(0.03),
    })
    .prefault({}),
  detector: z
    .object({
      y0PePerMeV: z.number().positive().default(1345),
      darkRateHz: z.number().nonnegative().default(30_000),
      lpmtCount: z.number().int().positive().default(17_612),
      windowNs: z.number().positive().default(350),
      randomTriggers: z.number().int().min(2).default(10_000),
      speChargeResolution: z.number().nonnegative().default(0.3),
    })
    .prefault({}),
  leakage: z
    .object({
      fraction: z.number().min(0).max(1).default(0.03).describe('share of events of an enclosed source that lose energy in the enclosure'),
      meanRel: z.number().nonnegative().default(0.02).describe('mean lost fraction of the visible energy (exponential)'),
    })
    .prefault({}),
  truth: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('optics'), response: ElectronResponseConfigSchema.prefault({}) }),
      z.object({ kind: z.literal('model'), params: NonlinParams }),
    ])
    .prefault({ kind: 'optics' }),
  instrumental: InstrumentalSimConfig.prefault({}),
});
export type NonlinearitySimConfig = z.infer<typeof NonlinearitySimConfig>;
export type NonlinearitySimConfigInput = z.input<typeof NonlinearitySimConfig>;

/**
 * What generated a simulated sample, in the Y0 (n-H) scale the calibration works in: the
 * `truth` part of `simulate`'s result, kept apart from the `input` the calibration receives
 * and used by closure code only (`nonlinearityClosure`).
 */
export interface NonlinearityTruth extends ClosureTruth {
  /** The true parameters, when the truth is in the model family (`truth.kind = 'model'`). */
  readonly params?: NonlinParams;
  /** Y0 the calibration should find: true PE/MeV times the mean n-H visible energy / 2.223 MeV. */
  readonly y0PePerMeV: number;
  /** Expected dark-noise PE per event window. */
  readonly darkNoiseMeanPe: number;
  /** Visible energy (MeV, Y0 scale) of an electron of kinetic energy T; the truth as a function. */
  readonly electronVisibleMeV: (kineticMeV: number) => number;
  /** Number of B-12 candidates passing veto, radius cut and the 2.5-12.5 MeV preselection. */
  readonly b12Selected: number;
  /** The channel non-linearity applied to every charge (absent when `instrumental.enabled` is false). */
  readonly instrumental?: InstrumentalTruth;
}

/** Inputs of {@link simulateNonlinearitySample} besides config and rng. */
export interface SimulateContext {
  readonly grid: ElectronGrid;
  readonly secondaries: SecondariesOptions;
}

/**
 * Seeded toy of the calibration sample: every source at the centre transported through the
 * LS (`@nucal/optics` transport toy), its electrons converted to light with the true
 * response, leakage in the enclosure for enclosed sources, PE with Poisson statistics, dark
 * noise and charge resolution (`simulateEvents`); one month of B-12/N-12 betas (positron
 * annihilation gammas transported too) through the same chain; random triggers for the
 * dark-noise offset. With `instrumental.enabled` (default) every total charge is then measured
 * through the channel non-linearity (`simulateInstrumental`: the expected measured total of the
 * event's true charge for central light) and the sample records the laser scan and the
 * random-trigger charges themselves. Each part draws from its own stream `rng.fork('<part>')`;
 * `rng` itself is not consumed. The input holds only what the detector records; the truth is
 * returned beside it.
 *
 * @example
 * const { input, truth } = simulateNonlinearitySample(NonlinearitySimConfig.parse({}), createRng(7), ctx);
 */
export function simulateNonlinearitySample(
  configIn: NonlinearitySimConfigInput,
  rng: RandomSource,
  ctx: SimulateContext,
): { input: NonlinearitySample; truth: NonlinearityTruth } {
  const parsed = NonlinearitySimConfig.safeParse(configIn);
  if (!parsed.success) throw new ValidationError('nonlinearity simulation config is invalid', formatZodIssues(parsed.error.issues));
  const config = parsed.data;
  if (!config.sources.includes('nH')) throw new ValidationError(`simulated sources [${config.sources.join(', ')}] lack nH: expected nH, which fixes Y0`);
  const stream = (label: string): RandomSource => rng.fork(label);

  // the true response L(T) in "visible MeV" of optics (or of the model)
  const rawVisible: (t: number) => number =
    config.truth.kind === 'optics'
      ? (() => {
          const r = electronResponse(config.truth.response);
          return (t: number) => r.visibleEnergyMeV(t);
        })()
      : (() => {
          const p = config.truth.params;
          return (t: number) => electronVisibleMeV(t, p);
        })();
  // n-H defines the scale: s = <L(n-H)> / E_nH, so the calibrated truth is L / s
  const meanLight = (gammaMeV: number): number => {
    const p = cachedSecondaryDensity(gammaMeV, ctx.secondaries);
    const contents = rebinDensity(edgesFromCentres(p.energyMeV), p.density, ctx.grid);
    let s = 0;
    for (let k = 0; k < contents.length; k++) if (contents[k]! > 0) s += contents[k]! * rawVisible(ctx.grid.centresMeV[k]!);
    return s;
  };
  const eNh = totalGammaEnergyMeV(getSource('nH').channels[0]!);
  const scale = meanLight(eNh) / eNh;

  const det = config.detector;
  const eventConfig = { ...det };
  const darkMean = det.darkRateHz * det.lpmtCount * det.windowNs * 1e-9;
  const instrumental = config.instrumental.enabled
    ? simulateInstrumental(config.instrumental, { ...det, darkMeanPe: darkMean }, stream('instrumental'))
    : undefined;
  // the total charge as measured: through the channel non-linearity, or linear without it
  const measured = instrumental ? (q: number) => instrumental.response.measuredPe(q) : undefined;
  const measureAll = (charges: Float64Array): Float64Array => (measured ? charges.map(measured) : charges);
  // without the channel non-linearity the random triggers are drawn as before (same sample as
  // before it existed); with it the sample records each trigger's measured charge
  let darkNoise: NonlinearitySample['darkNoise'];
  let onlineOffsetPe = 0;
  if (measured) {
    const triggers = measuredRandomTriggers(det.randomTriggers, darkMean, det.speChargeResolution, measured, stream('random-triggers'));
    darkNoise = { randomTriggerPe: triggers };
    onlineOffsetPe = triggers.reduce((a, q) => a + q, 0) / triggers.length;
  } else {
    const dark = simulateEvents(new Float64Array(0), stream('random-triggers'), eventConfig);
    darkNoise = { offsetPe: dark.darkNoiseOffsetPe, offsetErrPe: dark.darkNoiseOffsetErrorPe };
  }

  // sources at the centre
  const sources = config.sources.map((id) => {
    const source = getSource(id);
    const n = config.eventsBySource[id] ?? config.eventsPerSource;
    const tr = transportSource({ source, events: n, rng: stream(`transport/${id}`) });
    const visible = new Float64Array(n);
    const e = tr.electronEnergiesMeV;
    const off = tr.eventOffsets;
    const leak = stream(`leakage/${id}`);
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = off[i]!; j < off[i + 1]!; j++) v += rawVisible(e[j]!);
      if (source.enclosed && config.leakage.fraction > 0 && leak.uniform() < config.leakage.fraction) {
        v *= Math.max(0, 1 - exponential(leak, config.leakage.meanRel));
      }
      visible[i] = Math.max(v, 0);
    }
    const ev = simulateEvents(visible, stream(`pmt/${id}`), eventConfig);
    const h = histogramAroundPeak(measureAll(ev.chargePe));
    return { source: id, spectrum: { loPe: h.lo, hiPe: h.hi, counts: Array.from(h.counts) } };
  });

  // cosmogenic B-12 / N-12
  const b = config.b12;
  const mix = b12Spectrum({ n12Fraction: b.n12Fraction });
  const sampler = betaMixtureSampler(mix);
  const br = stream('b12/decays');
  const nDecays = poisson(br, b.decaysPerDay * b.days);
  const radiusAcceptance = Math.min(1, (b.fiducialRadiusM / b.lsRadiusM) ** 3);
  const kept: { comp: number; t: number }[] = [];
  for (let i = 0; i < nDecays; i++) {
    const comp = sampler.component(br);
    const tau = mix.components[comp]!.nuclide === 'N-12' ? N12_DECAY.lifetimeMs : B12_DECAY.lifetimeMs;
    const t = sampler.kineticEnergyMeV(comp, br);
    if (br.uniform() >= Math.exp(-b.vetoMs / tau)) continue;
    if (br.uniform() >= radiusAcceptance) continue;
    kept.push({ comp, t });
  }
  const b12Visible = Float64Array.from(kept, (k) => rawVisible(k.t));
  mix.components.forEach((c, ci) => {
    if (c.gammasMeV.length === 0) return;
    const idx = kept.flatMap((k, i) => (k.comp === ci ? [i] : []));
    const tr = transportGammas({ energiesMeV: c.gammasMeV, events: idx.length, rng: stream(`b12/gammas/${ci}`), backToBack: c.betaType === 'plus' });
    idx.forEach((i, j) => {
      for (let q = tr.eventOffsets[j]!; q < tr.eventOffsets[j + 1]!; q++) b12Visible[i]! += rawVisible(tr.electronEnergiesMeV[q]!);
    });
  });
  for (let i = 0; i < b12Visible.length; i++) b12Visible[i] = Math.max(b12Visible[i]!, 0);
  const b12Events = simulateEvents(b12Visible, stream('b12/pmt'), eventConfig);
  const b12Charges = measureAll(b12Events.chargePe);
  const eventsPe: number[] = [];
  // preselection in the online energy (measured charge, nominal Y0); the calibration applies
  // the 3-12 MeV window
  for (let i = 0; i < b12Charges.length; i++) {
    const e = measured ? (b12Charges[i]! - onlineOffsetPe) / det.y0PePerMeV : b12Events.reconstructedMeV[i]!;
    if (e >= 2.5 && e <= 12.5) eventsPe.push(b12Charges[i]!);
  }

  // truth in the Y0 scale
  const electronEnergyMeV: number[] = [];
  for (let k = 0; k <= 120; k++) electronEnergyMeV.push(0.1 * Math.pow(120, k / 120));
  const fTrue = electronEnergyMeV.map((t) => rawVisible(t) / t / scale);
  const annihilationVisibleMeV = getSource('Ge-68').channels[0]!.gammasMeV.reduce((s, e) => s + meanLight(e), 0) / scale;
  const spe2 = det.speChargeResolution ** 2;
  const truthParams =
    config.truth.kind === 'model' ? { ...config.truth.params, p0: config.truth.params.p0 / scale, p3: config.truth.params.p3 / scale } : undefined;
  const closureTruth = {
    electronEnergyMeV,
    fNonlin: fTrue,
    annihilationVisibleMeV,
    ...(truthParams ? { params: truthParams } : {}),
  };
  const input: NonlinearitySample = {
    description: `simulated: ${config.sources.length} sources at the centre, ${b.days} days of B-12${instrumental ? ', charges through the channel non-linearity with a laser scan' : ''}, seed ${rng.seed}, truth ${config.truth.kind}`,
    sources,
    b12: { eventsPe, n12Fraction: b.n12Fraction, liveDays: b.days },
    darkNoise,
    resolution: {
      aPercent: 100 * Math.sqrt((1 + spe2) / det.y0PePerMeV),
      bPercent: 0,
      cPercent: (100 * Math.sqrt((1 + spe2) * darkMean)) / det.y0PePerMeV,
    },
    ...(instrumental ? { laserScan: instrumental.laserScan } : {}),
  };
  return {
    input,
    truth: {
      ...closureTruth,
      y0PePerMeV: det.y0PePerMeV * scale,
      darkNoiseMeanPe: darkMean,
      electronVisibleMeV: (t: number) => rawVisible(t) / scale,
      b12Selected: eventsPe.length,
      ...(instrumental ? { instrumental: instrumental.truth } : {}),
    },
  };
}
