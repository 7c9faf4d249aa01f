import { describe, expect, it } from 'vitest';
import type { FitSummary } from '@nucal/core';
import { chi2Survival } from '@nucal/numeric';
import { lifetimeFitCurve, type LifetimeProfileFit } from './calibrate-lifetime.js';
import { michelSpectrum, type MichelScaleResult } from './calibrate-michel.js';
import { compareDedxProfile, dedxHitDensity } from './dedx-comparison.js';
import type { DedxProfile } from './dedx-profile.js';
import { dedxVsResidualRangePlot, lifetimePlot, michelPlot } from './plots.js';

// The builders only draw what they are given: small hand-made inputs, no simulation.

function lifetimeFit(tpc: number, chi2: number): LifetimeProfileFit {
  const fit: FitSummary = {
    parameters: ['q0', 'inverseLifetimePerMs'],
    values: { q0: 270, inverseLifetimePerMs: 0.1 },
    errors: { q0: 0.3, inverseLifetimePerMs: 0.001 },
    covariance: [[0.09, 0], [0, 1e-6]],
    chi2,
    ndof: 8,
    valid: true,
    pValue: chi2Survival(chi2, 8),
    lowPValue: chi2Survival(chi2, 8) < 1e-3,
  };
  const driftTimeUs = Float64Array.from({ length: 10 }, (_, i) => 100 + 200 * i);
  const profile = { driftTimeUs, value: Float64Array.from(driftTimeUs, (t) => 270 * Math.exp(-t / 10_000)), error: new Float64Array(10).fill(0.5), nHits: new Int32Array(10).fill(100) };
  const entry = { tpc, lifetimeMs: 10, errorMs: 0.1, nHits: 4000, fit };
  return { entry, profile, q0: 270, curve: lifetimeFitCurve(entry, profile) };
}

describe('cosmics plots (numeric plot kit)', () => {
  it('lifetime: every TPC in one plot (height slices not drawn), each fit quality beside it, a p-value below 1e-3 flagged', () => {
    const slice = { ...lifetimeFit(2, 8), entry: { ...lifetimeFit(2, 8).entry, yMinCm: -600, yMaxCm: -200 } };
    const good = JSON.stringify(lifetimePlot([lifetimeFit(0, 8), slice, lifetimeFit(1, 9)]).spec);
    expect(good).toContain('TPC 0: χ²/ndof = 8/8');
    expect(good).toContain('TPC 1: χ²/ndof = 9/8');
    expect(good).not.toContain('TPC 2');
    expect(good).not.toContain('poor fit');
    // The curve drawn is the one given (q0 at t = 0).
    expect(good).toContain('"y":270');
    const poor = JSON.stringify(lifetimePlot([lifetimeFit(0, 8), lifetimeFit(1, 40)]).spec);
    expect(poor).toContain('poor fit');
  });

  it('dE/dx: draws the profile, comparison and density it is given, with the MIP-window fit quality', () => {
    const n = 3;
    const profile: DedxProfile = {
      binLowCm: Float64Array.of(80, 100, 150),
      binHighCm: Float64Array.of(100, 150, 200),
      residualRangeCm: Float64Array.of(90, 125, 175),
      nHits: Int32Array.of(500, 500, 500),
      dataMpvMeVPerCm: Float64Array.of(1.85, 1.8, 1.79),
      dataMpvErrorMeVPerCm: new Float64Array(n).fill(0.015),
      expectedMpvMeVPerCm: Float64Array.of(1.84, 1.81, 1.8),
      expectedMpvErrorMeVPerCm: new Float64Array(n).fill(0.008),
      landauVavilovMpvMeVPerCm: Float64Array.of(1.77, 1.74, 1.73),
      energyScaleRelativeError: new Float64Array(n).fill(0.004),
      errorScale: 1.2,
      nTracks: 40,
      hits: { residualRangeCm: Float64Array.of(90, 120, 170), dedxMeVPerCm: Float64Array.of(1.8, 1.9, 2.0), track: Int32Array.of(0, 0, 1) },
    };
    const comparison = compareDedxProfile(profile, [100, 200]);
    const density = dedxHitDensity(profile, { rangeMaxCm: 200 });
    expect(density.hits.reduce((a, b) => a + b, 0)).toBe(3);
    const spec = JSON.stringify(dedxVsResidualRangePlot({ profile, comparison, density }).spec);
    expect(spec).toContain('data / expected in the MIP window: χ²/ndof');
    expect(spec).toContain(`"y":${profile.dataMpvMeVPerCm[1]}`);
    expect(spec).toContain(`"y":${comparison.ratio[1]}`);
    expect(spec).not.toContain('poor fit');
  });

  it('Michel: the spectrum step histograms the energies, integrates the model per bin and gives its goodness of fit', () => {
    // A flat model over 0-90 MeV and 2 electrons in each 5 MeV bin up to 80 MeV: expected 36 x 5/90 = 2 per bin.
    const energyMeV = Float64Array.from({ length: 36 }, (_, i) => 2.5 + 5 * Math.floor(i / 2));
    const grid = Float64Array.from({ length: 451 }, (_, i) => 0.2 * i);
    const result: MichelScaleResult = {
      energyMeV,
      scale: 1,
      scaleError: 0.05,
      fit: { parameters: ['scale'], values: { scale: 1 }, errors: { scale: 0.05 }, covariance: [[0.0025]], chi2: 0, ndof: 0, valid: true },
      template: { energyMeV: grid, density: new Float64Array(451).fill(1 / 90) },
    };
    const s = michelSpectrum(result);
    expect(Array.from(s.counts)).toEqual(new Array(16).fill(2));
    expect(s.outside).toBe(4);
    for (const mu of s.expectedPerBin) expect(mu).toBeCloseTo(2, 12);
    expect(s.goodnessOfFit.chi2).toBeCloseTo(0, 12);
    expect(s.goodnessOfFit.ndof).toBe(15);
    expect(s.goodnessOfFit.pValue).toBeCloseTo(1, 12);
    expect(JSON.stringify(michelPlot(s, 1, 0.05).spec)).toMatch(/histogram vs fit: χ²\/ndof = [^/]+\/15/);
  });
});
