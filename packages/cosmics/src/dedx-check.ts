import { ValidationError, canonicalJson, type RandomSource } from '@nucal/core';
import { t0FromCosmics, vdFromCosmics } from './calibrate-drift.js';
import { energyScaleFromStoppingMuons } from './calibrate-energy-scale.js';
import { lifetimeFromCosmics } from './calibrate-lifetime.js';
import { stoppingMuonDedxProfile, type DedxProfile } from './dedx-profile.js';
import { dedxShapeTest, type DedxShapeTest, type DedxShapeTestOptions } from './dedx-shape-test.js';
import type { HitCollection } from './hit-collection.js';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';

/**
 * One hit collection calibrated by its own chain (reconstruction, t0, <vd>, lifetime, whole-detector
 * energy scale) and its stopping muons' calibrated dE/dx per hit, as a {@link DedxProfile}.
 *
 * @param rng - stream of the energy-scale template and the profile's toy (forked 'scale', 'dedx')
 * @throws FitError when the sample has too few crossers or stopping muons for a constant
 * @example const p = calibratedDedxProfile(await readHitFile('run.h5'), createRng('check'));
 */
export function calibratedDedxProfile(hits: HitCollection, rng: RandomSource): DedxProfile {
  const sample = reconstructCosmics(hits);
  const t0 = t0FromCosmics(sample);
  const lifetime = lifetimeFromCosmics(sample, t0, vdFromCosmics(sample, t0));
  const scale = energyScaleFromStoppingMuons(sample, t0, lifetime.payload, rng.fork('scale'));
  return stoppingMuonDedxProfile(sample, t0, lifetime.payload, scale.payload, rng.fork('dedx'), { templateReplicas: 1 });
}

/**
 * The recombination check a physicist runs on detector data: `data` (hits from the detector or
 * another simulation) and `reference` (hits simulated with the calibration's nominal model),
 * each calibrated by its own chain, then {@link dedxShapeTest} of their stopping-muon dE/dx
 * versus residual range. `differ` is true when the data's shape is not the model's (a wrong
 * recombination model, or a wrong diffusion, noise or gain model: README "Recombination check").
 *
 * @throws ValidationError when the two collections differ in module, nominal response, tick or views
 *
 * @example
 * const t = dedxCheck(await readHitFile('data.h5'), await readHitFile('reference.h5'), createRng('check'));
 * t.pValue
 */
export function dedxCheck(data: HitCollection, reference: HitCollection, rng: RandomSource, options: DedxShapeTestOptions = {}): DedxShapeTest {
  // A reference of another detector, readout or nominal response compares nothing: refuse it.
  const differ = (['module', 'response', 'tickUs', 'views'] as const).filter((k) => canonicalJson(data[k]) !== canonicalJson(reference[k]));
  if (differ.length > 0) {
    throw new ValidationError(`the reference hits differ from the data in ${differ.join(', ')}: expected a reference simulated for the same module, readout and nominal response`);
  }
  return dedxShapeTest(calibratedDedxProfile(data, rng.fork('data')), calibratedDedxProfile(reference, rng.fork('reference')), rng.fork('bootstrap'), options);
}
