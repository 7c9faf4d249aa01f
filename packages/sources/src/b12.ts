import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import { betaSpectrum, finishSpectrum } from './beta-spectrum.js';
import type { BetaType } from './fermi-function.js';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;

/** One beta branch of a cosmogenic isotope, to a level of C-12. */
export interface BetaBranch {
  /** Excitation energy of the C-12 level fed, MeV (0 = ground state). */
  readonly excitationMeV: number;
  /** Fraction of decays that go through this branch. */
  readonly fraction: number;
  /** Gammas released when the level de-excites, MeV. */
  readonly gammasMeV: readonly number[];
  /** Kinetic energy shared by the three alphas when the level breaks up, MeV (0 if bound). */
  readonly alphaKineticMeV: number;
}

/** Energy of the 3-alpha threshold above the C-12 ground state, MeV (AME2020 masses). */
const TRIPLE_ALPHA_THRESHOLD_MEV = 7.2747;

/**
 * B-12 beta-minus decay to C-12 (Z = 6). Q = 13.369 MeV (AME2020), half-life 20.22 ms
 * (TUNL evaluation, 2015: lifetime 29.17 ms); branches adopted by TUNL from 1981KA31 and
 * Hyldegaard et al., Phys. Rev. C 80 (2009) 044304: ground state 98.300%, 4.439 MeV 1.182%,
 * 7.654 MeV (Hoyle state, breaks into three alphas) 0.54%, 10.3 MeV 0.062%.
 * @example B12_DECAY.lifetimeMs // 29.17
 */
export const B12_DECAY = {
  qMeV: 13.369,
  halfLifeMs: 20.22,
  lifetimeMs: 20.22 / Math.LN2,
  daughterZ: 6,
  massNumber: 12,
  betaType: 'minus' as BetaType,
  branches: [
    { excitationMeV: 0, fraction: 0.983, gammasMeV: [], alphaKineticMeV: 0 },
    { excitationMeV: 4.43982, fraction: 0.01182, gammasMeV: [4.4389], alphaKineticMeV: 0 },
    { excitationMeV: 7.65407, fraction: 0.0054, gammasMeV: [], alphaKineticMeV: 7.65407 - TRIPLE_ALPHA_THRESHOLD_MEV },
    { excitationMeV: 10.3, fraction: 0.00062, gammasMeV: [], alphaKineticMeV: 10.3 - TRIPLE_ALPHA_THRESHOLD_MEV },
  ] as readonly BetaBranch[],
} as const;

/**
 * N-12 beta-plus decay to C-12 (daughter Z = 6). Positron endpoint to the ground state
 * 16.316 MeV (Q_EC = 17.338 MeV less 2 m_e c^2), half-life 11.000 ms (TUNL, Ajzenberg-Selove
 * 1985: lifetime 15.87 ms). Only the ground-state branch (about 94.5%) is modelled; the
 * excited-state branches of N-12 are left out.
 * @example N12_DECAY.qMeV // 16.316
 */
export const N12_DECAY = {
  qMeV: 16.316,
  halfLifeMs: 11.0,
  lifetimeMs: 11.0 / Math.LN2,
  daughterZ: 6,
  massNumber: 12,
  betaType: 'plus' as BetaType,
} as const;

/** Measured rms charge radius of C-12 (fm), I. Angeli & K.P. Marinova, ADNDT 99 (2013) 69. */
export const C12_RMS_CHARGE_RADIUS_FM = 2.4829;

/**
 * Options of the cosmogenic B-12 (+ N-12) spectrum.
 * @example B12SpectrumOptionsSchema.parse({ n12Fraction: 0.05 })
 */
export const B12SpectrumOptionsSchema = z.object({
  n12Fraction: z.number().min(0).max(1).default(0.03).describe('fraction of N-12 decays in the sample'),
  includeExcitedStates: z.boolean().default(false).describe('add the B-12 branches to excited C-12 levels'),
  points: z.number().int().min(64).max(1_000_000).default(4001).describe('grid points from 0 to the largest endpoint'),
});
/** Input of {@link b12Spectrum}. */
export type B12SpectrumOptions = z.input<typeof B12SpectrumOptionsSchema>;

/** One component of the mixture, with its own normalised density on the common grid. */
export interface BetaComponent {
  /** Human label, e.g. `'B-12 -> C-12 g.s.'`. */
  readonly label: string;
  /** Parent isotope. */
  readonly nuclide: 'B-12' | 'N-12';
  /** 'minus': electron; 'plus': positron (annihilates into two 0.511 MeV gammas). */
  readonly betaType: BetaType;
  /** Endpoint kinetic energy of this branch, MeV. */
  readonly endpointMeV: number;
  /** Weight of the component in the mixture (weights sum to 1). */
  readonly weight: number;
  /** Gammas released with the beta (de-excitation, and the annihilation pair for positrons), MeV. */
  readonly gammasMeV: readonly number[];
  /** Alpha kinetic energy released with the beta (Hoyle-state break-up), MeV. */
  readonly alphaKineticMeV: number;
  /** Normalised density of this component on the common grid, 1/MeV. */
  readonly density: Float64Array;
  /** Mean kinetic energy of this component, MeV. */
  readonly meanKineticEnergyMeV: number;
}

/** A normalised mixture of beta spectra on one grid. */
export interface MixedBetaSpectrum {
  /** Grid of lepton kinetic energies, MeV. */
  readonly kineticEnergyMeV: Float64Array;
  /** Weighted sum of the component densities (normalised to 1), 1/MeV. */
  readonly density: Float64Array;
  /** Largest endpoint, MeV. */
  readonly endpointMeV: number;
  /** Mean lepton kinetic energy of the mixture, MeV. */
  readonly meanKineticEnergyMeV: number;
  /** The components (weights sum to 1). */
  readonly components: readonly BetaComponent[];
}

/**
 * Lepton kinetic-energy spectrum of the cosmogenic B-12 sample used for the energy-scale fit:
 * B-12 beta-minus (allowed shape with the finite-size Fermi function) with an admixture of
 * N-12 beta-plus. By default only the ground-state branches are included (98.3% of B-12);
 * `includeExcitedStates` adds the 4.44 MeV (with its gamma), 7.65 and 10.3 MeV branches
 * (with the three-alpha kinetic energy listed, to be quenched by the consumer).
 * The `density` is that of the lepton kinetic energy only; what each component releases
 * besides (gammas, the annihilation pair, alphas) is listed on the component.
 *
 * @example
 * const s = b12Spectrum({ n12Fraction: 0.03 });
 * s.components.map((c) => [c.label, c.weight]) // [['B-12 -> C-12 g.s.', 0.97], ['N-12 -> C-12 g.s.', 0.03]]
 */
export function b12Spectrum(options: B12SpectrumOptions = {}): MixedBetaSpectrum {
  const parsed = B12SpectrumOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ValidationError('b12Spectrum: invalid options', formatZodIssues(parsed.error.issues));
  const o = parsed.data;
  const parts: { label: string; nuclide: 'B-12' | 'N-12'; betaType: BetaType; q: number; weight: number; gammas: number[]; alpha: number }[] = [];
  const b12Branches = o.includeExcitedStates ? B12_DECAY.branches : B12_DECAY.branches.slice(0, 1);
  const b12Total = b12Branches.reduce((a, b) => a + b.fraction, 0);
  for (const b of b12Branches) {
    parts.push({
      label: b.excitationMeV === 0 ? 'B-12 -> C-12 g.s.' : `B-12 -> C-12*(${b.excitationMeV.toFixed(2)} MeV)`,
      nuclide: 'B-12',
      betaType: 'minus',
      q: B12_DECAY.qMeV - b.excitationMeV,
      weight: ((1 - o.n12Fraction) * b.fraction) / b12Total,
      gammas: [...b.gammasMeV],
      alpha: b.alphaKineticMeV,
    });
  }
  if (o.n12Fraction > 0) {
    parts.push({
      label: 'N-12 -> C-12 g.s.',
      nuclide: 'N-12',
      betaType: 'plus',
      q: N12_DECAY.qMeV,
      weight: o.n12Fraction,
      gammas: [ELECTRON_MASS_MEV, ELECTRON_MASS_MEV],
      alpha: 0,
    });
  }
  const gridMax = Math.max(...parts.map((p) => p.q));
  const components: BetaComponent[] = parts
    .filter((p) => p.weight > 0)
    .map((p) => {
      const s = betaSpectrum({
        qMeV: p.q,
        z: 6,
        betaType: p.betaType,
        massNumber: 12,
        rmsRadiusFm: C12_RMS_CHARGE_RADIUS_FM,
        points: o.points,
        gridMaxMeV: gridMax,
      });
      return {
        label: p.label,
        nuclide: p.nuclide,
        betaType: p.betaType,
        endpointMeV: p.q,
        weight: p.weight,
        gammasMeV: p.gammas,
        alphaKineticMeV: p.alpha,
        density: s.density,
        meanKineticEnergyMeV: s.meanKineticEnergyMeV,
      };
    });
  const first = betaSpectrumGrid(gridMax, o.points);
  const total = new Float64Array(o.points);
  for (const c of components) for (let i = 0; i < total.length; i++) total[i] = (total[i] as number) + c.weight * (c.density[i] as number);
  const mix = finishSpectrum(first, total, gridMax, 'minus');
  return { kineticEnergyMeV: mix.kineticEnergyMeV, density: mix.density, endpointMeV: gridMax, meanKineticEnergyMeV: mix.meanKineticEnergyMeV, components };
}

function betaSpectrumGrid(maxMeV: number, points: number): Float64Array {
  const t = new Float64Array(points);
  const step = maxMeV / (points - 1);
  for (let i = 0; i < points; i++) t[i] = i * step;
  return t;
}
