import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import { logFermiFunction, nuclearRadiusFm, type BetaType } from './fermi-function.js';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;

/**
 * Options of an allowed beta spectrum.
 * @example BetaSpectrumOptionsSchema.parse({ qMeV: 13.369, z: 6, betaType: 'minus', massNumber: 12 })
 */
export const BetaSpectrumOptionsSchema = z.object({
  qMeV: z.number().positive().describe('endpoint kinetic energy of the branch, MeV'),
  z: z.number().int().min(1).max(118).describe('charge number of the daughter nucleus'),
  betaType: z.enum(['minus', 'plus']),
  massNumber: z.number().int().min(1).default(12).describe('mass number A (nuclear radius)'),
  rmsRadiusFm: z.number().positive().optional().describe('measured rms charge radius of the daughter, fm'),
  points: z.number().int().min(16).max(1_000_000).default(2001).describe('grid points from 0 to the grid maximum'),
  gridMaxMeV: z.number().positive().optional().describe('upper edge of the grid (>= qMeV; density is 0 above qMeV), MeV'),
});
/** Input of {@link betaSpectrum} (defaults applied). */
export type BetaSpectrumOptions = z.input<typeof BetaSpectrumOptionsSchema>;

/** A tabulated, normalised kinetic-energy spectrum of the emitted electron or positron. */
export interface BetaSpectrum {
  /** Grid of kinetic energies, MeV (0 .. grid maximum, uniform). */
  readonly kineticEnergyMeV: Float64Array;
  /** Density in 1/MeV, normalised so that its trapezoidal integral over the grid is 1. */
  readonly density: Float64Array;
  /** Endpoint kinetic energy, MeV. */
  readonly endpointMeV: number;
  /** Mean kinetic energy (trapezoidal), MeV. */
  readonly meanKineticEnergyMeV: number;
  /** 'minus' (electron) or 'plus' (positron). */
  readonly betaType: BetaType;
}

/**
 * Allowed beta spectrum in kinetic energy T (MeV):
 *
 *   N(T) dT ∝ F0(Z, W) p W (W0 - W)^2 dT,   W = 1 + T / m_e c^2, W0 = 1 + Q / m_e c^2
 *
 * (allowed shape factor C = 1; Fermi function F0 with finite nuclear size, see
 * {@link logFermiFunction}; Hayen et al., Rev. Mod. Phys. 90 (2018) 015008, Eq. (2)). At
 * T = 0 the beta-minus density is finite (the limit is taken at T = 1e-9 Q); the beta-plus
 * density vanishes there.
 *
 * @example
 * const s = betaSpectrum({ qMeV: 13.369, z: 6, betaType: 'minus', massNumber: 12, rmsRadiusFm: 2.4829 });
 * s.meanKineticEnergyMeV // about 6.4
 */
export function betaSpectrum(options: BetaSpectrumOptions): BetaSpectrum {
  const parsed = BetaSpectrumOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ValidationError('betaSpectrum: invalid options', formatZodIssues(parsed.error.issues));
  const o = parsed.data;
  const gridMax = o.gridMaxMeV ?? o.qMeV;
  if (gridMax < o.qMeV) throw new ValidationError(`betaSpectrum: gridMaxMeV ${gridMax} < qMeV ${o.qMeV}; expected the grid to cover the endpoint`);
  const radiusFm = nuclearRadiusFm(o.massNumber, o.rmsRadiusFm);
  const n = o.points;
  const t = new Float64Array(n);
  const d = new Float64Array(n);
  const w0 = 1 + o.qMeV / ELECTRON_MASS_MEV;
  const step = gridMax / (n - 1);
  for (let i = 0; i < n; i++) {
    const ti = i * step;
    t[i] = ti;
    d[i] = ti < o.qMeV ? unnormalisedAllowed(i === 0 ? 1e-9 * o.qMeV : ti, w0, o.z, o.betaType, radiusFm) : 0;
  }
  return finishSpectrum(t, d, o.qMeV, o.betaType);
}

/** p W (W0 - W)^2 F0 at kinetic energy T, in natural units. */
function unnormalisedAllowed(tMeV: number, w0: number, z: number, betaType: BetaType, radiusFm: number): number {
  const w = 1 + tMeV / ELECTRON_MASS_MEV;
  const p = Math.sqrt(w * w - 1);
  const q = w0 - w;
  return p * w * q * q * Math.exp(logFermiFunction(z, tMeV, betaType, radiusFm));
}

/**
 * Normalises a tabulated density in place (trapezoidal rule) and wraps it as a spectrum.
 * @internal shared with the B-12 mixture
 */
export function finishSpectrum(t: Float64Array, d: Float64Array, endpointMeV: number, betaType: BetaType): BetaSpectrum {
  const area = trapezoid(t, d);
  if (!(area > 0)) throw new ValidationError('beta spectrum: the density integrates to 0; expected a positive area');
  for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) / area;
  const td = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) td[i] = (t[i] as number) * (d[i] as number);
  return { kineticEnergyMeV: t, density: d, endpointMeV, meanKineticEnergyMeV: trapezoid(t, td), betaType };
}

/**
 * Trapezoidal integral of tabulated y(x).
 * @example trapezoid(spectrum.kineticEnergyMeV, spectrum.density) // 1
 */
export function trapezoid(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += 0.5 * ((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number));
  return s;
}
