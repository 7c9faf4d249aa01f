import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { BIRKS_ICARUS } from '@nucal/tpc-drift';
import { calibratedDedxProfile } from './dedx-check.js';
import { dedxShapeTest } from './dedx-shape-test.js';
import { OUT_OF_FAMILY_GENERATOR } from './out-of-family.js';
import { simulateCosmics } from './simulate-cosmics.js';
import type { CosmicSimulationConfigInput } from './simulation-config.js';
import { SURFACE_PROTODUNE } from './space-charge.js';

// The surface module with muons below 2 GeV only (a sample enriched in stopping muons: about
// 1,000 per day, at ~2% of the simulation cost of the full flux).
const ENRICHED: Omit<CosmicSimulationConfigInput, 'days'> = { ...SURFACE_PROTODUNE, flux: { ...SURFACE_PROTODUNE.flux, simulateBelowEnergyGeV: 2 } };

/** A sample simulated with `generator` and calibrated by its own chain (the CLI's dedx-check path). */
function calibratedProfile(days: number, seed: string, generator: Omit<CosmicSimulationConfigInput, 'days'> = {}) {
  const { hits } = simulateCosmics({ ...ENRICHED, ...generator, days }, createRng(seed));
  return calibratedDedxProfile(hits, createRng(`${seed}-calibrate`));
}

describe('stopping-muon dE/dx shape, data against a simulated reference (closure: the generators are known)', () => {
  // bench/recombination-check.ts 3 6 (3 days of data, 6 of reference): nominal p = 0.14, 0.53,
  // 0.077 (three seeds); Birks chi2 139 / 11 (p 3e-24); D_T, noise +20% and gain spread 33.5 / 11
  // (p 4e-4); the whole out-of-family generator 133 / 11. Here a third of that exposure: the
  // Birks chi2 scales to about 11 + 128 / 3 = 54.
  it('passes the nominal generator and flags Birks recombination and the out-of-family generator', () => {
    const reference = calibratedProfile(2, 'shape-reference');
    const nominal = dedxShapeTest(calibratedProfile(1, 'shape-data'), reference, createRng('shape-nominal'), { replicas: 200 });
    const birks = dedxShapeTest(calibratedProfile(1, 'shape-data', { generator: { recombination: BIRKS_ICARUS } }), reference, createRng('shape-birks'), { replicas: 200 });
    const outOfFamily = dedxShapeTest(calibratedProfile(1, 'shape-data', OUT_OF_FAMILY_GENERATOR), reference, createRng('shape-oof'), { replicas: 200 });
    const seeds = 'seeds shape-reference, shape-data';
    expect(nominal.dataTracks, seeds).toBeGreaterThan(600);
    expect(nominal.ndof).toBe(11);
    expect(nominal.pValue, `${seeds}: nominal chi2 ${nominal.chi2}`).toBeGreaterThan(0.01);
    expect(nominal.differ).toBe(false);
    expect(birks.differ, `${seeds}: Birks chi2 ${birks.chi2}`).toBe(true);
    // Birks collects more charge than modified Box at the Bragg peak relative to the MIP window:
    // +3.7% in the last 2 cm at 3 days.
    expect(birks.ratio[0]!, seeds).toBeGreaterThan(1.015);
    expect(outOfFamily.differ, `${seeds}: out-of-family chi2 ${outOfFamily.chi2}`).toBe(true);
  }, 240_000);
});
