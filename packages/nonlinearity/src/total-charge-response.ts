import { ValidationError } from '@nucal/core';
import { linearInterpolator, type LinearInterpolator } from '@nucal/numeric';
import { expectedMeasuredCharge, type ChargeNonlinearityForm } from '@nucal/optics';

/**
 * The measured total charge of an event whose light falls on the channels in a fixed
 * pattern, and its inverse (the correction of the total charge).
 */
export interface TotalChargeResponse {
  /** Expected measured total charge (PE) of an event of `truePe` true PE. */
  measuredPe(truePe: number): number;
  /** The true total charge (PE) of a measured one: the inverse of {@link measuredPe}. */
  truePe(measuredPe: number): number;
  /** d(measured)/d(true) at a true total charge, for errors. */
  slope(truePe: number): number;
  /** Highest true charge of the table, PE; above it both maps extrapolate their last segment linearly. */
  readonly maxPe: number;
}

/** Inputs of {@link totalChargeResponse}. */
export interface TotalChargeResponseInput {
  readonly form: ChargeNonlinearityForm;
  /** Channel non-linearity coefficient c_i, 1/PE. */
  readonly coefficientPerPe: ArrayLike<number>;
  /** Share w_i of an event's PE that channel i sees (any positive scale; normalised here). */
  readonly shares: ArrayLike<number>;
  /** Single-PE charge resolution sigma/mean. */
  readonly speChargeResolution: number;
  /** Highest true total charge tabulated, PE (default 40,000: 28 MeV at 1,345 PE/MeV). */
  readonly maxPe?: number;
  /** Table nodes (default 400, 100 PE apart at the default maxPe). */
  readonly nodes?: number;
}

/**
 * The total-charge response of channels with a charge non-linearity (optics'
 * `measuredCharge`: q_meas = q (1 + c q) or q / (1 + c q)) for light in a fixed channel
 * pattern: an event of n true PE gives channel i a compound-Poisson charge of mean n w_i, so its
 * expected measured total is sum_i E[f_i(q_i)] (optics' `expectedMeasuredCharge`, exact for the
 * quadratic form: n (1 + (1 + s^2) sum c_i w_i) + n^2 sum c_i w_i^2). Tabulated on `nodes` equal
 * steps up to `maxPe` and interpolated linearly both ways (the quadratic's interpolation error is
 * sum c_i w_i^2 h^2 / 4, 7e-4 PE at the defaults with c = 0.005/PE on 17,612 channels).
 *
 * Central events and the central laser light every channel in proportion to its efficiency, so
 * one response serves the calibration sources, the random triggers (the dark PE are given the
 * same pattern) and, as an approximation, B-12 events in the volume.
 *
 * @example
 * const r = totalChargeResponse({ form: 'quadratic', coefficientPerPe: c, shares: gains, speChargeResolution: 0.3 });
 * r.truePe(r.measuredPe(3000)); // 3000
 */
export function totalChargeResponse(input: TotalChargeResponseInput): TotalChargeResponse {
  const n = input.coefficientPerPe.length;
  const maxPe = input.maxPe ?? 40_000;
  const nodes = input.nodes ?? 400;
  if (n === 0 || input.shares.length !== n) {
    throw new ValidationError(`total charge response: ${n} coefficients and ${input.shares.length} shares: expected as many shares as channels, at least one`);
  }
  if (!(maxPe > 0) || !(Number.isInteger(nodes) && nodes >= 2)) throw new ValidationError(`total charge response: maxPe ${maxPe}, nodes ${nodes}: expected maxPe > 0 and an integer nodes >= 2`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = input.shares[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new ValidationError(`total charge response: share ${w} of channel ${i}: expected a finite value >= 0`);
    total += w;
  }
  if (!(total > 0)) throw new ValidationError('total charge response: the shares sum to 0: expected light on some channel');
  const trueTable = new Float64Array(nodes + 1);
  const measuredTable = new Float64Array(nodes + 1);
  for (let k = 1; k <= nodes; k++) {
    const pe = (maxPe * k) / nodes;
    let m = 0;
    for (let i = 0; i < n; i++) m += expectedMeasuredCharge(input.form, input.coefficientPerPe[i]!, (pe * input.shares[i]!) / total, input.speChargeResolution);
    trueTable[k] = pe;
    measuredTable[k] = m;
  }
  for (let k = 1; k <= nodes; k++) {
    if (!(measuredTable[k]! > measuredTable[k - 1]!)) {
      throw new ValidationError(`total charge response is not increasing at ${trueTable[k]} PE (measured ${measuredTable[k]} PE): expected a monotonic channel response below ${maxPe} PE`);
    }
  }
  const forward: LinearInterpolator = linearInterpolator(trueTable, measuredTable, { outside: 'extrapolate' });
  const inverse: LinearInterpolator = linearInterpolator(measuredTable, trueTable, { outside: 'extrapolate' });
  const h = maxPe / nodes;
  return {
    maxPe,
    measuredPe: (pe) => forward.at(pe),
    truePe: (pe) => inverse.at(pe),
    slope: (pe) => (forward.at(pe + 0.5 * h) - forward.at(pe - 0.5 * h)) / h,
  };
}
