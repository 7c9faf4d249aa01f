import { describe, expect, it } from 'vitest';
import { contentHash, silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { electronResponse, simulateEvents, transportGammas } from '@nucal/optics';
import { ELECTRON_MASS_MEV } from '@nucal/sources';
import { calibrateNonlinearity, NonlinearityOptions, type NonlinearityDetails } from './calibrate.js';
import { nonlinearityClosure } from './closure.js';
import { electronGrid } from './electron-grid.js';
import { fNonlin } from './model.js';
import { positronsKineticMeV } from './positron.js';
import { simulateNonlinearitySample } from './simulate.js';
import { sourceKernel } from './source-kernel.js';
import { DEFAULT_SYSTEMATICS } from './systematics.js';

/**
 * Out-of-family closure (PHYSICS.md 4, issue 3): the sample is drawn from the physical response
 * (Birks quenching + Cherenkov light of @nucal/optics, event by event through the gamma
 * transport toy, enclosure leakage, Poisson PE, dark noise and 30% charge resolution, every
 * charge measured through the channel non-linearity, 50% at 100 PE, with a laser scan that the
 * calibration fits and corrects) at the
 * full default statistics: 100,000 events per source at the centre (K-40 6,000) and one month
 * of B-12 (1000/day, 1 ms veto, 15 m cut). The 4-parameter model only approximates that
 * response; it must agree with it within 0.3% from 0.5 to 8 MeV, and positrons of 1-8 MeV
 * must be reconstructed within 0.3%.
 */
describe('out-of-family closure (optics truth, default statistics)', () => {
  const grid = electronGrid();
  const options = NonlinearityOptions.parse({ systematics: { mocks: 0 } });
  const ctx = { grid, secondaries: options.secondaries };
  const sim = simulateNonlinearitySample({}, createRng('closure-out-of-family'), ctx);
  const run = calibrateNonlinearity(sim.input, { rng: createRng('closure-out-of-family'), logger: silentLogger, progress: silentProgress }, options, grid);
  // the truth stays here, in the closure test: the calibration received sim.input only
  const closure = (d: NonlinearityDetails) => nonlinearityClosure(sim.truth, { params: d.params, annihilationVisibleMeV: d.energyScale!.annihilationVisibleMeV });

  it('fits f within 0.3% of the true electron response over 0.5-8 MeV', async () => {
    const { details, result } = await run;
    expect(result.fits.nonlinearity!.valid).toBe(true);
    const { maxDeviation } = closure(details);
    console.log(`out-of-family: max |f_fit/f_true - 1| over 0.5-8 MeV = ${(100 * maxDeviation).toFixed(3)}%, chi2/ndof ${result.fits.nonlinearity!.chi2.toFixed(1)}/${result.fits.nonlinearity!.ndof}`);
    expect(maxDeviation).toBeLessThan(0.003);
    // Y0 from the n-H peak within 4 sigma of the value the generator implies
    const scale = details.energyScale!;
    expect(Math.abs(scale.y0PePerMeV - sim.truth.y0PePerMeV) / scale.y0ErrPePerMeV).toBeLessThan(4);
    expect(Math.abs(scale.darkNoiseOffsetPe - sim.truth.darkNoiseMeanPe)).toBeLessThan(5 * scale.darkNoiseOffsetErrPe);
  });

  it('without the charge correction the channel non-linearity shows: Y0 and the shape of f move as the response predicts', async () => {
    const { details } = await run;
    const inst = sim.truth.instrumental!;
    const off = await calibrateNonlinearity(
      sim.input,
      { rng: createRng('closure-out-of-family'), logger: silentLogger, progress: silentProgress },
      NonlinearityOptions.parse({ systematics: { mocks: 0 }, instrumental: { correct: false } }),
      grid,
    );
    const on = details.energyScale!;
    const raw = off.details.energyScale!;
    // the correction takes Y0 back to the generator's; without it Y0 carries the total-charge bias at n-H (+0.64%)
    const biasNh = inst.totalChargeBias[0]!.bias;
    console.log(`Y0: corrected ${on.y0PePerMeV.toFixed(2)}, uncorrected ${raw.y0PePerMeV.toFixed(2)}, generator ${sim.truth.y0PePerMeV.toFixed(2)} PE/MeV (+-${on.y0ErrPePerMeV.toFixed(2)}); fitted channel non-linearity at 100 PE ${(100 * details.chargeCorrection!.meanNonlinearityAt100Pe.value).toFixed(2)}% (true ${(100 * inst.meanNonlinearityAt100Pe).toFixed(2)}%)`);
    expect(Math.abs(raw.y0PePerMeV / sim.truth.y0PePerMeV - 1 - biasNh)).toBeLessThan(0.1 * biasNh);
    expect(Math.abs(raw.y0PePerMeV - sim.truth.y0PePerMeV) / raw.y0ErrPePerMeV).toBeGreaterThan(20);
    expect(Math.abs(details.chargeCorrection!.meanNonlinearityAt100Pe.value / inst.meanNonlinearityAt100Pe - 1)).toBeLessThan(0.01);
    // in the Y0 scale the uncorrected f at 8 MeV is high by the bias at 8 MeV less the one at n-H (+0.22%)
    const predicted = (1 + inst.totalChargeBias[1]!.bias) / (1 + biasNh) - 1;
    const shift = fNonlin(8, off.details.params) / fNonlin(8, details.params) - 1;
    const closureOff = closure(off.details);
    console.log(`uncorrected: f(8 MeV) ${(100 * shift).toFixed(3)}% above the corrected fit (predicted ${(100 * predicted).toFixed(3)}%), chi2 ${off.result.fits.nonlinearity!.chi2.toFixed(1)} (corrected ${details.nonlinearity.fit.chi2.toFixed(1)}), max |f/f_true - 1| ${(100 * closureOff.maxDeviation).toFixed(3)}%`);
    expect(Math.abs(shift / predicted - 1)).toBeLessThan(0.3);
  });

  it('would fail against a different true response (kB 20% higher): the check has teeth', async () => {
    const { details } = await run;
    const other = electronResponse({ kBGPerCm2MeV: 7.8e-3 });
    const nh = sourceKernel('nH', grid, options.secondaries);
    let light = 0;
    for (let k = 0; k < nh.weights.length; k++) light += nh.weights[k]! * other.visibleEnergyMeV(grid.centresMeV[k]!);
    const s = light / nh.energyMeV;
    let maxDev = 0;
    for (let e = 0.5; e <= 8; e *= 1.05) maxDev = Math.max(maxDev, Math.abs(fNonlin(e, details.params) / (other.nonlinearity(e) / s) - 1));
    expect(maxDev).toBeGreaterThan(0.003);
  });

  it('reconstructs mono-energetic positrons of 1-8 MeV event by event within 0.3%', async () => {
    const { details } = await run;
    expect(closure(details).maxPositronBias).toBeLessThan(0.003);
    const scale = details.energyScale!;
    const events = 4000;
    for (const t of [1, 2, 3, 4, 6, 8]) {
      const rng = createRng('positrons').fork(String(t));
      const anni = transportGammas({ energiesMeV: [ELECTRON_MASS_MEV, ELECTRON_MASS_MEV], backToBack: true, events, rng });
      const visible = new Float64Array(events);
      for (let i = 0; i < events; i++) visible[i] = sim.truth.electronVisibleMeV(t) + sumVisible(anni.electronEnergiesMeV, anni.eventOffsets[i]!, anni.eventOffsets[i + 1]!);
      const pe = simulateEvents(visible, rng, { y0PePerMeV: sim.truth.y0PePerMeV, speChargeResolution: 0.3 });
      const evis = Float64Array.from(pe.chargePe, (q) => (q - scale.darkNoiseOffsetPe) / scale.y0PePerMeV);
      const rec = positronsKineticMeV(evis, scale.annihilationVisibleMeV, details.params);
      const mean = rec.reduce((a, b) => a + b, 0) / events;
      const err = Math.sqrt(rec.reduce((a, b) => a + (b - mean) ** 2, 0) / (events - 1) / events);
      console.log(`positron ${t} MeV: <E_rec> = ${mean.toFixed(4)} +- ${err.toFixed(4)} MeV (${((100 * (mean - t)) / t).toFixed(3)}%)`);
      // 0.3% plus 3 statistical errors of the toy mean
      expect(Math.abs(mean - t)).toBeLessThan(0.003 * t + 3 * err);
    }
  });

  it('has a band of the correlated effects only: no high-energy swing from the single-point AmC recoil', async () => {
    // 40 mocks per set (the plugin default is 100; the 68% quantiles carry ~15% statistical error here)
    const energies = [1, 2, 4, 6, 8];
    const withBand = NonlinearityOptions.parse({ systematics: { mocks: 40 }, bandEnergyMeV: energies });
    const { details } = await calibrateNonlinearity(sim.input, { rng: createRng('band'), logger: silentLogger, progress: silentProgress }, withBand, grid);
    const band = details.nonlinearity.band;
    const half = (lo: readonly number[], hi: readonly number[], i: number) => 0.5 * (hi[i]! - lo[i]!);
    const byName = Object.fromEntries(band.effects.map((e) => [e.name, e]));
    const correlated = DEFAULT_SYSTEMATICS.filter((e) => e.mode === 'correlated').map((e) => byName[e.name]!);
    energies.forEach((e, i) => {
      const total = half(band.lowRel, band.highRel, i);
      const quad = Math.hypot(...correlated.map((c) => half(c.lowRel, c.highRel, i)), half(byName['fit-covariance']!.lowRel, byName['fit-covariance']!.highRel, i));
      const amc = half(byName['amc-neutron-recoil']!.lowRel, byName['amc-neutron-recoil']!.highRel, i);
      console.log(`band at ${e} MeV: total +-${(100 * total).toFixed(3)}%, quadrature of the effects ${(100 * quad).toFixed(3)}%, AmC alone +-${(100 * amc).toFixed(4)}%`);
      // before AmC's 0.4% entered its sigma_i: +1.4% at 8 MeV (+1.9% with seed 3 of the CLI)
      expect(total).toBeLessThan(0.006);
      // independent effects add in quadrature (40 mocks: 30% tolerance)
      expect(Math.abs(total / quad - 1)).toBeLessThan(0.3);
      expect(amc).toBeLessThan(0.001);
    });
    // flat: the 8 MeV band is not wider than the 2 MeV one by more than the quantile noise
    expect(half(band.lowRel, band.highRel, 4) / half(band.lowRel, band.highRel, 1)).toBeLessThan(1.3);
  });

  it('is reproducible: the same seed gives the same sample', () => {
    const small = { eventsPerSource: 2000, eventsBySource: { 'K-40': 500 }, b12: { days: 1 } };
    const a = simulateNonlinearitySample(small, createRng('same'), ctx);
    const b = simulateNonlinearitySample(small, createRng('same'), ctx);
    const c = simulateNonlinearitySample(small, createRng('other'), ctx);
    expect(contentHash(a.input)).toBe(contentHash(b.input));
    expect(contentHash(a.input)).not.toBe(contentHash(c.input));
  });

  function sumVisible(e: Float64Array, from: number, to: number): number {
    let v = 0;
    for (let j = from; j < to; j++) v += sim.truth.electronVisibleMeV(e[j]!);
    return v;
  }
});
