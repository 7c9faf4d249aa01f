import { z } from 'zod';
import { defineRecord, FitSummarySchema } from '@nucal/core';
import { NonlinParams } from './model.js';

/** A relative 1-sigma band of the electron non-linearity on an energy grid. */
export const NonlinBand = z.object({
  energyMeV: z.array(z.number().positive()).describe('electron kinetic energies, MeV'),
  lowRel: z.array(z.number()).describe('lower edge of the band relative to the fitted f, e.g. -0.004'),
  highRel: z.array(z.number()).describe('upper edge of the band relative to the fitted f'),
  mocks: z.number().int().nonnegative().describe('number of mock data sets behind the band'),
  effects: z
    .array(z.object({ name: z.string(), lowRel: z.array(z.number()), highRel: z.array(z.number()) }))
    .default([])
    .describe('the same band for each systematic effect alone, all correlated effects together, and the fit covariance (statistical and uncorrelated)'),
});
export type NonlinBand = z.infer<typeof NonlinBand>;

/** Payload of `juno.nonlinearity` v1. */
export const NonlinearityV1 = z.object({
  model: z.literal('(p0 + p3/E) / (1 + p1 exp(-p2 E))').describe('f_nonlin = E_vis/E_e, E electron kinetic energy in MeV'),
  parameters: NonlinParams,
  errors: z.object({ p0: z.number().nonnegative(), p1: z.number().nonnegative(), p2: z.number().nonnegative(), p3: z.number().nonnegative() }),
  covariance: z.array(z.array(z.number())).length(4).describe('4x4 covariance in p0..p3 order (p2 in 1/MeV, p3 in MeV)'),
  fit: FitSummarySchema,
  band: NonlinBand,
  validityMinMeV: z.number().nonnegative().describe('lowest electron kinetic energy the curve is calibrated for'),
  validityMaxMeV: z.number().positive().describe('highest electron kinetic energy the curve is calibrated for'),
});
export type NonlinearityV1 = z.infer<typeof NonlinearityV1>;

/**
 * Record `juno.nonlinearity` v1: the electron non-linearity parameters with covariance, fit
 * summary and systematic band (JUNO calibration strategy, arXiv:2011.06405, sect. 4).
 *
 * @example
 * const r = await conditions.resolve(nonlinearityRecord, runTime(42));
 * fNonlin(3, r.payload.parameters);
 */
export const nonlinearityRecord = defineRecord({
  name: 'juno.nonlinearity',
  version: 1,
  schema: NonlinearityV1,
  description: 'LS electron energy non-linearity f(E) = (p0 + p3/E)/(1 + p1 exp(-p2 E)), E in MeV, with covariance and band',
});

/** Payload of `juno.energy-scale` v1. */
export const EnergyScaleV1 = z.object({
  y0PePerMeV: z.number().positive().describe('light yield at the centre from n-H captures, PE/MeV'),
  y0ErrPePerMeV: z.number().nonnegative(),
  darkNoiseOffsetPe: z.number().nonnegative().describe('mean dark-noise PE in the event window, from random triggers'),
  darkNoiseOffsetErrPe: z.number().nonnegative(),
  annihilationVisibleMeV: z.number().positive().describe('visible energy of the two 0.511 MeV annihilation gammas (Ge-68 peak)'),
  annihilationVisibleErrMeV: z.number().nonnegative(),
});
export type EnergyScaleV1 = z.infer<typeof EnergyScaleV1>;

/**
 * Record `juno.energy-scale` v1: E_vis = (PE - darkNoiseOffsetPe) / y0PePerMeV at the centre,
 * plus the annihilation visible energy used by positron reconstruction.
 *
 * @example
 * const s = (await conditions.resolve(junoEnergyScaleRecord, at)).payload;
 * const evisMeV = (pe - s.darkNoiseOffsetPe) / s.y0PePerMeV;
 */
export const junoEnergyScaleRecord = defineRecord({
  name: 'juno.energy-scale',
  version: 1,
  schema: EnergyScaleV1,
  description: 'LS energy scale at the centre: Y0 (PE/MeV), dark-noise offset (PE), annihilation visible energy (MeV)',
});
