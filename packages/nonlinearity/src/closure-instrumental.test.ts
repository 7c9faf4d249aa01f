import { describe, expect, it } from 'vitest';
import { silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { calibrateNonlinearity, NonlinearityOptions, type NonlinearityDetails } from './calibrate.js';
import { nonlinearityClosure } from './closure.js';
import { electronGrid } from './electron-grid.js';
import { simulateNonlinearitySample } from './simulate.js';

/**
 * The instrumental non-linearity as a measured effect, with saturating channels
 * (q_meas = q / (1 + c q), 50% at 100 PE): charges fall short at high light, the opposite sign
 * of the default (quadratic) case. Default statistics, optics truth. Corrected with the
 * channel fits of the laser scan the closure holds within 0.3% over 0.5-8 MeV; uncorrected it
 * fails it: the check catches a missing correction.
 */
describe('instrumental non-linearity: saturating channels, laser-scan correction', () => {
  const grid = electronGrid();
  const options = (correct: boolean) => NonlinearityOptions.parse({ systematics: { mocks: 0 }, instrumental: { correct, form: 'saturating' } });
  const sim = simulateNonlinearitySample({ instrumental: { channels: { form: 'saturating' } } }, createRng('closure-instrumental'), { grid, secondaries: options(true).secondaries });
  const ctx = { rng: createRng('closure-instrumental'), logger: silentLogger, progress: silentProgress };
  const closure = (d: NonlinearityDetails) => nonlinearityClosure(sim.truth, { params: d.params, annihilationVisibleMeV: d.energyScale!.annihilationVisibleMeV });

  it('corrected: f within 0.3% of the truth over 0.5-8 MeV and Y0 as the generator implies', async () => {
    const { details } = await calibrateNonlinearity(sim.input, ctx, options(true), grid);
    const c = closure(details);
    const y0 = details.energyScale!;
    console.log(`saturating, corrected: max |f/f_true - 1| ${(100 * c.maxDeviation).toFixed(3)}%, positrons ${(100 * c.maxPositronBias).toFixed(3)}%, Y0 ${y0.y0PePerMeV.toFixed(2)} (generator ${sim.truth.y0PePerMeV.toFixed(2)}) PE/MeV`);
    expect(c.maxDeviation).toBeLessThan(0.003);
    expect(c.maxPositronBias).toBeLessThan(0.003);
    expect(Math.abs(y0.y0PePerMeV - sim.truth.y0PePerMeV) / y0.y0ErrPePerMeV).toBeLessThan(4);
    expect(details.chargeCorrection!.meanNonlinearityAt100Pe.value).toBeCloseTo(sim.truth.instrumental!.meanNonlinearityAt100Pe, 2);
  });

  it('uncorrected: the closure fails, f misses the truth by more than 0.3%', async () => {
    const { details } = await calibrateNonlinearity(sim.input, ctx, options(false), grid);
    const c = closure(details);
    console.log(`saturating, uncorrected: max |f/f_true - 1| ${(100 * c.maxDeviation).toFixed(3)}%, positrons ${(100 * c.maxPositronBias).toFixed(3)}%, Y0 ${details.energyScale!.y0PePerMeV.toFixed(2)} PE/MeV`);
    expect(c.maxDeviation).toBeGreaterThan(0.003);
    expect(details.chargeCorrection).toBeUndefined();
  });

  it('refuses to fit saturating channels as quadratic with a clear error', async () => {
    const wrong = NonlinearityOptions.parse({ systematics: { mocks: 0 }, instrumental: { form: 'quadratic' } });
    await expect(calibrateNonlinearity(sim.input, ctx, wrong, grid)).rejects.toThrow(/laser-scan fit of the channel non-linearity \(form quadratic\) failed/);
  });
});
