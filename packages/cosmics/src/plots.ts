import type { PlotSpec } from '@nucal/core';
import { band, density2d, fitQuality, line, PLOT_COLORS, plot, points, referenceLine, withResidualPanel, type PlotLayer } from '@nucal/numeric';
import type { LifetimeProfileFit } from './calibrate-lifetime.js';
import type { MichelSpectrum } from './calibrate-michel.js';
import type { ClassRates } from './class-rates.js';
import type { DedxComparison, DedxHitDensity } from './dedx-comparison.js';
import { dedxWindowFitSummary } from './dedx-comparison.js';
import type { DedxProfile } from './dedx-profile.js';

/*
 * The plots of the dune.cosmics calibration, built with @nucal/numeric's plot kit (typed
 * Vega-Lite specs, axes with units, error bars, a legend per series, the fit quality beside each
 * fit with p < 1e-3 flagged in red). Every builder draws the arrays it is given; the numbers are
 * computed by the calibration steps (dedx-profile, dedx-comparison, calibrate-lifetime,
 * calibrate-michel, class-rates).
 */

/** Options of {@link lifetimePlot}: what the plotted estimator is, for the labels. */
export interface LifetimePlotOptions {
  /** Estimator per drift-time bin (default 'truncated-mean'). */
  readonly estimator?: 'truncated-mean' | 'langau-mpv';
  /** Fractions dropped at the low and high end by the truncated mean (default [0.05, 0.4]). */
  readonly truncation?: readonly [number, number];
  /** Wires per dQ/dx measurement (default 4). */
  readonly wiresPerGroup?: number;
}

/**
 * dQ/dx (the lifetime estimator per drift-time bin, as fitted: diffusion-corrected) versus drift
 * time for every TPC (whole-TPC entries) in one plot, a colour per TPC: the points with their
 * statistical error bars, the fitted exponential (the curve the calibration sampled), and beside
 * the plot each TPC's lifetime with its fit quality (p < 1e-3 flagged).
 *
 * @example lifetimePlot(calibration.profiles, { estimator: calibration.payload.estimator })
 */
export function lifetimePlot(profiles: readonly LifetimeProfileFit[], options: LifetimePlotOptions = {}): PlotSpec {
  const estimator = options.estimator ?? 'truncated-mean';
  const [dropLow, dropHigh] = options.truncation ?? [0.05, 0.4];
  const wires = options.wiresPerGroup ?? 4;
  const what =
    estimator === 'truncated-mean'
      ? `truncated mean of ${wires}-wire groups (lowest ${Math.round(100 * dropLow)}%, highest ${Math.round(100 * dropHigh)}% dropped)`
      : `Landau-Gaussian MPV of ${wires}-wire groups`;
  const layers: PlotLayer[] = [];
  for (const { entry, profile, curve } of profiles.filter(({ entry: e }) => e.yMinCm === undefined)) {
    const color = PLOT_COLORS.series[entry.tpc % PLOT_COLORS.series.length]!;
    const tpc = `TPC ${entry.tpc}`;
    layers.push(
      points({ x: profile.driftTimeUs, y: profile.value, yError: profile.error, series: `${tpc}: data`, color }),
      line({ x: curve.driftTimeUs, y: curve.dqdx, series: `${tpc}: fit q0 exp(-t / τ), τ = ${entry.lifetimeMs.toFixed(2)} ± ${entry.errorMs.toFixed(2)} ms`, color }),
      fitQuality(entry.fit, { label: tpc }),
    );
  }
  const title = 'Electron lifetime: dQ/dx of through-going muons vs drift time, per TPC';
  return {
    name: 'lifetime-dqdx-vs-drift-time',
    title,
    spec: plot(
      {
        title,
        subtitle: [
          `Per drift-time bin: ${what};`,
          'each group scaled to the pitch of a track perpendicular to the wires, each bin divided by the',
          'expected diffusion response (charge sharing between wires). Error bars: statistical.',
        ],
        x: { label: 'drift time t - t0', unit: 'μs', zero: true },
        y: { label: 'dQ/dx', unit: 'ADC/cm' },
        width: 520,
        height: 300,
      },
      layers,
    ),
  };
}

/** Range of the dE/dx plot's ratio panel. */
const RATIO_RANGE: readonly [number, number] = [0.9, 1.1];

/** What the dE/dx plot draws: the profile, its comparison with the expectation and the hits' 2D density (all computed by the calibration). */
export interface DedxPlotInput {
  readonly profile: DedxProfile;
  readonly comparison: DedxComparison;
  readonly density: DedxHitDensity;
}

/**
 * Stopping muons: calibrated per-hit dE/dx versus residual range from the end point to 300 cm.
 * Top: the hits as a 2D density, the Landau-Gaussian MPV per residual-range bin of the data
 * (points at the bin centres, error bars, bin widths) and of the nominal-model toys of the same
 * hits (the expectation, same estimator; line), the Landau-Vavilov MPV at the hits' pitch as a
 * reference (dashed), the MIP window of the energy-scale fit shaded and the window's
 * data / expected chi2 with its p-value. Bottom: both relative to the expectation, with the
 * energy-scale uncertainty as a band around 1.
 *
 * @example dedxVsResidualRangePlot({ profile, comparison: compareDedxProfile(profile, [100, 200]), density: dedxHitDensity(profile, { rangeMaxCm: 300 }) })
 */
export function dedxVsResidualRangePlot(input: DedxPlotInput): PlotSpec {
  const { profile, comparison, density } = input;
  const [w0, w1] = comparison.window;
  const n = profile.nHits.length;
  const rrEdges = density.residualRangeEdgesCm;
  const dedxEdges = density.dedxEdgesMeVPerCm;
  const rrMax = rrEdges[rrEdges.length - 1]!;
  const yMin = dedxEdges[0]!;
  const yMax = dedxEdges[dedxEdges.length - 1]!;
  const centre = Float64Array.from({ length: n }, (_, i) => 0.5 * (profile.binLowCm[i]! + profile.binHighCm[i]!));
  const halfWidth = Float64Array.from({ length: n }, (_, i) => 0.5 * (profile.binHighCm[i]! - profile.binLowCm[i]!));
  const agreement = comparison.windowAgreement;
  const lvShift = agreement ? ` (${(100 * (agreement.landauVavilovRatio - 1)).toFixed(1)}% in the window)` : '';
  const windowSeries = `MIP window of the energy-scale fit (${w0}-${w1} cm)`;
  const lvSeries = `Landau-Vavilov MPV at the hits' pitch and energy, no diffusion${lvShift}`;
  const expectedSeries = 'expected: the same fit to nominal-model toys of the same hits';
  const dataSeries = 'data: Landau-Gaussian MPV of the calibrated hit dE/dx';
  const windowFit = dedxWindowFitSummary(comparison);
  const top: PlotLayer[] = [
    band({ x: [w0, w1], low: [yMin, yMin], high: [yMax, yMax], series: windowSeries, color: '#ffd54f', opacity: 0.25 }),
    density2d({ xEdges: rrEdges, yEdges: dedxEdges, values: density.hits, title: 'hits per cell', scheme: 'greys' }),
    line({ x: centre, y: profile.landauVavilovMpvMeVPerCm, series: lvSeries, color: PLOT_COLORS.reference, dashed: true }),
    line({ x: centre, y: profile.expectedMpvMeVPerCm, series: expectedSeries }),
    points({ x: centre, y: profile.dataMpvMeVPerCm, yError: profile.dataMpvErrorMeVPerCm, xError: halfWidth, series: dataSeries }),
    ...(windowFit ? [fitQuality(windowFit, { label: 'data / expected in the MIP window' })] : []),
  ];
  const ratio: PlotLayer[] = [
    band({ x: centre, low: Float64Array.from(profile.energyScaleRelativeError, (e) => 1 - e), high: Float64Array.from(profile.energyScaleRelativeError, (e) => 1 + e), series: 'energy-scale error', color: PLOT_COLORS.fit, opacity: 0.18 }),
    referenceLine({ y: 1 }),
    // Drawn where it lies inside the panel's range (near the end point it leaves it).
    line({ x: centre, y: Float64Array.from(comparison.landauVavilovRatio, (r) => (r >= RATIO_RANGE[0] && r <= RATIO_RANGE[1] ? r : Number.NaN)), series: lvSeries, color: PLOT_COLORS.reference, dashed: true }),
    points({ x: centre, y: comparison.ratio, yError: comparison.ratioError, xError: halfWidth, series: dataSeries }),
  ];
  const windowText = agreement ? `data / expected = ${agreement.ratio.toFixed(4)} ± ${agreement.error.toFixed(4)}` : 'no fitted bins';
  const title = 'Stopping muons: calibrated dE/dx vs residual range, data vs expectation';
  return {
    name: 'stopping-muon-dedx-vs-residual-range',
    title,
    spec: withResidualPanel(
      {
        title,
        subtitle: [
          'Landau-Gaussian MPV per bin, the same estimator for data and expectation. Expectation: toys of the',
          "same hits from the nominal model (Landau-Vavilov deposit at each hit's pitch and CSDA energy,",
          'recombination, diffusion, noise); diffusion mixes each hit with its neighbours and raises the',
          `per-hit MPV above Landau-Vavilov. ${profile.nTracks} stopping muons, ${profile.hits.residualRangeCm.length} hits. Error bars: statistical`,
          `(HESSE × ${profile.errorScale.toFixed(2)}, from the spread of the toys). MIP window: ${windowText}.`,
          `Grey: hits per ${density.rrCellCm} cm × ${density.dedxCellMeVPerCm} MeV/cm cell.`,
        ],
        x: { label: 'residual range', unit: 'cm', domain: [0, rrMax] },
        y: { label: 'dE/dx', unit: 'MeV/cm', domain: [yMin, yMax] },
        width: 620,
        height: 320,
      },
      top,
      { y: { label: 'ratio to expected', domain: RATIO_RANGE }, height: 140, layers: ratio },
    ),
  };
}

/** Readable names of the track classes with their calibration use. */
const CLASS_LABELS: Readonly<Record<string, string>> = {
  all: 'all tracks in the active volume',
  apa: 'APA crossers (t0)',
  apaInner: 'inner-APA crossers',
  cpa: 'CPA crossers (drift velocity)',
  fullTpc: 'full-TPC crossers (vd map)',
  throughgoing: 'through-going (lifetime)',
  stopping: 'stopping (energy scale)',
  michel: 'Michel electrons (energy test)',
};

/**
 * Tracks per day per class (classes overlap: a track can belong to several), with Poisson
 * error bars, on a log scale; one point per class, named in the legend (class number on x).
 *
 * @example classRatesPlot(classRates(sample))
 */
export function classRatesPlot(rates: ClassRates): PlotSpec {
  const entries = Object.entries(rates);
  const positive = entries.map(([, r]) => r.perDay).filter((v) => v > 0);
  const lo = positive.length > 0 ? 10 ** Math.floor(Math.log10(Math.min(...positive) / 2)) : 1;
  const hi = positive.length > 0 ? 10 ** Math.ceil(Math.log10(Math.max(...positive) * 2)) : 10;
  const days = rates.all.perDay > 0 ? rates.all.count / rates.all.perDay : 0;
  const palette = [PLOT_COLORS.data, ...PLOT_COLORS.series];
  const layers = entries
    .filter(([, r]) => r.perDay > 0)
    .map(([name, r]) => {
      const k = entries.findIndex(([n]) => n === name);
      // On a log axis the lower bar stops at half the rate (a rate known to 100% would reach 0).
      return points({
        x: [k + 1],
        y: [r.perDay],
        yLow: [Math.max(r.perDay - r.errorPerDay, 0.5 * r.perDay)],
        yHigh: [r.perDay + r.errorPerDay],
        series: `${k + 1}: ${CLASS_LABELS[name] ?? name}, ${r.perDay.toFixed(r.perDay < 100 ? 1 : 0)} ± ${r.errorPerDay.toFixed(r.errorPerDay < 10 ? 1 : 0)} per day`,
        color: palette[k % palette.length]!,
        size: 45,
      });
    });
  const title = 'Cosmic-muon track classes per day';
  return {
    name: 'cosmic-class-rates',
    title,
    spec: plot(
      {
        title,
        subtitle: [`${days.toFixed(days < 1 ? 2 : 0)} detector-day(s) at the module; classes overlap (a track can be in several);`, 'error bars: Poisson (statistical).'],
        x: { label: 'track class (legend)', domain: [0, entries.length + 1] },
        y: { label: 'tracks per day', scale: 'log', domain: [lo, hi] },
        width: 360,
        height: 260,
      },
      layers,
    ),
  };
}

/**
 * Michel electron reconstructed energies (points with Poisson error bars) with the fitted model
 * (Michel spectrum folded with the detector model, scaled by the fitted factor) and the
 * histogram's goodness of fit, as the calibration histogrammed them (`michelSpectrum`).
 *
 * @example michelPlot(michelSpectrum(result), result.scale, result.scaleError)
 */
export function michelPlot(spectrum: MichelSpectrum, scale: number, scaleError: number): PlotSpec {
  const edges = spectrum.edgesMeV;
  const nBins = spectrum.counts.length;
  const binMeV = edges[1]! - edges[0]!;
  const maxMeV = edges[nBins]!;
  let n = spectrum.outside;
  for (const c of spectrum.counts) n += c;
  const centre = Float64Array.from({ length: nBins }, (_, b) => 0.5 * (edges[b]! + edges[b + 1]!));
  const title = `Michel electrons: reconstructed energy, fitted scale ${scale.toFixed(3)} ± ${scaleError.toFixed(3)}`;
  return {
    name: 'michel-spectrum',
    title,
    spec: plot(
      {
        title,
        subtitle: [
          'Unbinned maximum-likelihood fit of E_reco = s E_vis (s = 1: charge calibration right);',
          `error bars: sqrt(N) per ${binMeV} MeV bin; goodness of fit: Baker-Cousins chi2 of the histogram.`,
        ],
        x: { label: 'reconstructed energy', unit: 'MeV', domain: [0, maxMeV] },
        y: { label: `electrons per ${binMeV} MeV`, zero: true },
        width: 520,
        height: 260,
      },
      [
        line({ x: spectrum.model.energyMeV, y: spectrum.model.expected, series: 'fit: Michel spectrum folded with the detector model' }),
        points({
          x: centre,
          y: spectrum.counts,
          yError: spectrum.errors,
          series: `data: ${n} Michel electrons${spectrum.outside > 0 ? ` (${spectrum.outside} outside 0-${maxMeV} MeV)` : ''}`,
        }),
        fitQuality(spectrum.goodnessOfFit, { label: 'histogram vs fit' }),
      ],
    ),
  };
}
