import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { silentLogger, silentProgress, type CalibrationResult } from '@nucal/core';
import type { EnergyScalePayload, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import { cosmicsPlugin } from './cosmics-plugin.js';
import type { ReconstructedSample } from './cosmic-sample.js';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';
import { compareDedxProfile } from './dedx-comparison.js';
import { DEFAULT_DEDX_PROFILE_BINS_CM, stoppingMuonDedxProfile, type DedxProfile } from './dedx-profile.js';

const WINDOW: readonly [number, number] = [100, 200];

// The MPVs of data and expectation (what the plot draws) must agree where the energy scale was
// fitted, so that the plot cannot silently compare different estimators again (the previous plot set the
// median of per-hit dE/dx, ~1.95 MeV/cm, against the Landau-Vavilov MPV, ~1.67 MeV/cm).
// Tolerances, from 10 simulated detector-days: the window ratio was within 0.7% of 1 (its
// statistical error 0.3-0.5%, the energy scale's 0.45%) and chi2 = 0.7-8.0 for 5 bins. Required:
// |ratio - 1| < 1.5% (a 3% energy-scale error fails it, checked below), chi2 with p > 0.001,
// every pull below 4, in the window and (chi2 only) over the whole 0-300 cm.
describe('stopping-muon dE/dx vs residual range profile', () => {
  let sample: ReconstructedSample;
  let result: CalibrationResult;
  let profile: DedxProfile;
  const payload = <T>(name: string): T => result.payloads.find((p) => p.record.name === name)!.payload as T;
  // One detector-day, as the CLI example (the test's statistics are the plot's).
  beforeAll(async () => {
    const plugin = cosmicsPlugin();
    const hits = plugin.simulate({ days: 1 }, createRng('dedx-plot')).input;
    sample = reconstructCosmics(hits);
    result = await plugin.calibrate(hits, { rng: createRng('dedx-plot-calibration'), logger: silentLogger, progress: silentProgress });
    // The profile the plugin drew: its toy runs on the calibration stream's fork 'dedx-profile'.
    profile = stoppingMuonDedxProfile(sample, payload<T0Payload>('dune.t0'), payload<LifetimePayload>('dune.lifetime'), payload<EnergyScalePayload>('dune.energy-scale'), createRng('dedx-plot-calibration').fork('dedx-profile'));
  });

  it('compares data and expectation through the same estimator: they agree in the MIP window and show the Bragg rise', () => {
    // 0 to 300 cm of residual range, the Bragg rise included.
    expect(profile.binLowCm[0]).toBeLessThanOrEqual(10);
    expect(profile.binHighCm[profile.binHighCm.length - 1]).toBe(300);
    expect(profile.nHits.length).toBeGreaterThanOrEqual(15);
    const c = compareDedxProfile(profile, WINDOW);
    const a = c.windowAgreement!;
    expect(a.bins, 'fitted bins in the MIP window').toBeGreaterThanOrEqual(4);
    expect(Math.abs(a.ratio - 1), `data / expected in the MIP window ${a.ratio}`).toBeLessThan(0.015);
    expect(a.pValue, `chi2 ${a.chi2} for ${a.bins} bins`).toBeGreaterThan(1e-3);
    expect(a.maxPull).toBeLessThan(4);
    expect(c.pValue!, `chi2 ${c.chi2} for all ${c.bins} bins`).toBeGreaterThan(1e-3);
    // The plugin reports the same check as a fit summary.
    const fit = result.fits['dedx.mipWindow']!;
    expect(fit.values.ratio).toBe(a.ratio);
    expect(fit.errors.ratio).toBe(a.error);
    expect([fit.chi2, fit.ndof, fit.pValue, fit.lowPValue]).toEqual([a.chi2, a.bins, a.pValue, false]);
    // The Bragg rise: within 20 cm of the end point the MPV is well above the MIP value.
    let mip = 0;
    for (let i = 0; i < profile.nHits.length; i++) if (c.inWindow[i]) mip += profile.dataMpvMeVPerCm[i]! / a.bins;
    // (Near the end point the hits' dE/dx is far from a Landau shape and a bin's fit may not
    // converge; such bins are left out of the profile, so one fitted bin is required.)
    const end = Array.from(profile.dataMpvMeVPerCm).filter((_, i) => profile.binHighCm[i]! <= 20);
    expect(end.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...end) / mip).toBeGreaterThan(1.4);
    // The MIP value itself: 1.7-1.9 MeV/cm for 0.5-1 cm pitches at 1-2 m residual range.
    expect(mip).toBeGreaterThan(1.7);
    expect(mip).toBeLessThan(1.9);
  });

  it('flags an energy scale 3% off (the same check fails)', () => {
    const scale = payload<EnergyScalePayload>('dune.energy-scale');
    const wrong = { ...scale, electronsPerAdc: 1.03 * scale.electronsPerAdc };
    // Only the MIP-window bins of the default binning (the check looks at no others).
    const edges = DEFAULT_DEDX_PROFILE_BINS_CM.filter((e) => e >= WINDOW[0] && e <= WINDOW[1]);
    const off = stoppingMuonDedxProfile(sample, payload<T0Payload>('dune.t0'), payload<LifetimePayload>('dune.lifetime'), wrong, createRng('dedx-plot-wrong'), { binEdgesCm: edges });
    const a = compareDedxProfile(off, WINDOW).windowAgreement!;
    expect(a.bins).toBeGreaterThanOrEqual(4);
    expect(a.ratio - 1, `data / expected ${a.ratio} with the constant 3% high`).toBeGreaterThan(0.015);
  });

  it('is reproducible: the same seed gives the same points, another seed other toys', () => {
    const t0 = payload<T0Payload>('dune.t0');
    const lifetime = payload<LifetimePayload>('dune.lifetime');
    const scale = payload<EnergyScalePayload>('dune.energy-scale');
    // Two bins keep this cheap.
    const run = (seed: string) => stoppingMuonDedxProfile(sample, t0, lifetime, scale, createRng(seed), { binEdgesCm: [100, 150, 200] });
    const a = run('repeat');
    const b = run('repeat');
    const c = run('other');
    expect(a.nHits.length).toBe(2);
    expect(Array.from(b.expectedMpvMeVPerCm)).toEqual(Array.from(a.expectedMpvMeVPerCm));
    expect(Array.from(b.dataMpvMeVPerCm)).toEqual(Array.from(a.dataMpvMeVPerCm));
    expect(c.expectedMpvMeVPerCm[0]).not.toBe(a.expectedMpvMeVPerCm[0]);
    // The data do not depend on the toy stream.
    expect(Array.from(c.dataMpvMeVPerCm)).toEqual(Array.from(a.dataMpvMeVPerCm));
  });
});
