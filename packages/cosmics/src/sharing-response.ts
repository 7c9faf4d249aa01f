import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { createRng, normal } from '@nucal/numeric';
import { diffusionSigmaCm, type ResponseModel } from '@nucal/tpc-drift';
import { chargeSharingFraction, shareChargeInPlace } from './charge-sharing.js';
import { wireChargeModel } from './wire-charge-model.js';

/** Options of {@link sharingResponse}. */
export interface SharingResponseOptions {
  /** Wires summed per group and wires skipped at each track end, as in {@link wireGroups}. */
  readonly wiresPerGroup: number;
  readonly skipEndWires: number;
  /** The robust estimator applied to the group dQ/dx values (e.g. a truncated mean). */
  readonly estimator: (values: Float64Array) => number;
  /** Track pitch and beta gamma of the toy tracks (a typical value of the sample). */
  readonly pitchCm: number;
  readonly betaGamma: number;
  /** Drift times at which the response is wanted, us. */
  readonly driftTimesUs: readonly number[];
  /** Toy tracks and wires per track (default 600 x 202: about 0.05% precision on the ratio). */
  readonly tracks?: number;
  readonly wiresPerTrack?: number;
  /** Random source of the toy (default a fixed seed: the correction is part of the method, not of the data). */
  readonly rng?: RandomSource;
}

/**
 * Expected value of a robust dQ/dx estimator after transverse diffusion relative to the same
 * deposits without it, at each drift time: a toy with common random numbers (one set of toy
 * tracks, per-wire charges from {@link wireChargeModel} plus the nominal noise) shared between
 * all drift times, with the nominal charge sharing between neighbouring wires
 * ({@link chargeSharingFraction} of the transverse spread sqrt(2 D_T t)) applied before the
 * wires are grouped. Dividing the measured estimator by this response removes the estimator's
 * drift-time dependence that is not attenuation (at the full drift about 2% for the truncated
 * mean of 4-wire groups, 5% for single wires; grouping is why D_T need only be roughly known).
 *
 * @example
 * const r = sharingResponse(response, { wiresPerGroup: 8, skipEndWires: 1, estimator, pitchCm: 0.8, betaGamma: 1000, driftTimesUs: [0, 1000, 2000] });
 */
export function sharingResponse(response: ResponseModel, wirePitchCm: number, options: SharingResponseOptions): Float64Array {
  const n = options.wiresPerGroup;
  const skip = options.skipEndWires;
  const tracks = options.tracks ?? 600;
  const wires = options.wiresPerTrack ?? 202;
  const groupsPerTrack = Math.floor((wires - 2 * skip) / n);
  if (!(groupsPerTrack >= 1)) throw new ValidationError(`sharing response: ${wires} wires per toy track, expected at least ${n + 2 * skip}`);
  const rng = options.rng ?? createRng('cosmics.sharing-response');
  const model = wireChargeModel(response);
  const deposits = new Float64Array(tracks * wires);
  const noise = new Float64Array(tracks * wires);
  for (let i = 0; i < deposits.length; i++) {
    deposits[i] = model.electrons(rng, options.pitchCm, options.betaGamma);
    noise[i] = response.noiseElectrons > 0 ? normal(rng, 0, response.noiseElectrons) : 0;
  }
  const charge = new Float64Array(wires);
  const fraction = new Float64Array(wires);
  const scratch = new Float64Array(wires);
  const values = new Float64Array(tracks * groupsPerTrack);
  const estimate = (f: number): number => {
    fraction.fill(f);
    let g = 0;
    for (let t = 0; t < tracks; t++) {
      charge.set(deposits.subarray(t * wires, (t + 1) * wires));
      if (f > 0) shareChargeInPlace(charge, fraction, 0, wires, scratch);
      for (let k = 0; k < groupsPerTrack; k++) {
        let q = 0;
        for (let j = skip + k * n; j < skip + (k + 1) * n; j++) q += charge[j]! + noise[t * wires + j]!;
        values[g++] = q / n;
      }
    }
    return options.estimator(values);
  };
  const reference = estimate(0);
  return Float64Array.from(options.driftTimesUs, (t) => {
    const f = response.transverseDiffusionCm2PerS > 0 && t > 0 ? chargeSharingFraction(diffusionSigmaCm(response.transverseDiffusionCm2PerS, t), wirePitchCm) : 0;
    return f > 0 ? estimate(f) / reference : 1;
  });
}
