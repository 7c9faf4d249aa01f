import { z } from 'zod';
import { OutOfRangeError, ValidationError, formatZodIssues } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { quenchedScintillationTable } from './birks.js';
import { cherenkovPhotonTable, cherenkovThresholdMeV } from './cherenkov.js';
import { transportGammas } from './gamma-transport.js';
import { LAB, MaterialSchema } from './material.js';

/**
 * How the response is normalised (the unit of "visible energy"):
 * - `gamma` (default): the mean visible energy of a gamma line at the centre equals its energy
 *   (default the 2.2232 MeV n-H capture gamma: E_vis = PE / Y0 with Y0 fixed by n-H captures,
 *   PHYSICS.md 1.3). Computed once from `events` transported gammas with a fixed seed.
 * - `electron`: an electron of `kineticMeV` has E_vis = kineticMeV.
 * - `none`: raw units, E_vis = L_quenched(T) + Cherenkov (MeV of unquenched scintillation).
 */
export const NormalisationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('gamma'),
    gammaMeV: z.number().positive().max(20).default(2.223247),
    events: z.number().int().min(100).default(20_000),
    seed: z.string().default('optics.electron-response.normalisation'),
  }),
  z.object({ kind: z.literal('electron'), kineticMeV: z.number().positive().max(20) }),
  z.object({ kind: z.literal('none') }),
]);
/** Normalisation of the response. */
export type Normalisation = z.input<typeof NormalisationSchema>;

/**
 * Configuration of the electron "true" response.
 * @example ElectronResponseConfigSchema.parse({ kBGPerCm2MeV: 6.5e-3, cherenkovWeight: 1 })
 */
export const ElectronResponseConfigSchema = z.object({
  kBGPerCm2MeV: z.number().nonnegative().default(6.5e-3).describe('Birks kB, g/(cm2 MeV)'),
  kCG2PerCm4MeV2: z.number().nonnegative().default(0).describe("Birks' second-order kC, (g/(cm2 MeV))^2"),
  refractiveIndex: z.number().gt(1).default(1.5),
  cherenkovLambdaMinNm: z.number().positive().default(300),
  cherenkovLambdaMaxNm: z.number().positive().default(600),
  scintillationPhotonsPerMeV: z.number().positive().default(10_000).describe('unquenched scintillation photons per MeV'),
  cherenkovWeight: z
    .number()
    .nonnegative()
    .default(1)
    .describe('detected light of one Cherenkov photon relative to one scintillation photon'),
  material: MaterialSchema.default(LAB),
  maxKineticMeV: z.number().positive().max(100).default(20).describe('upper end of the table, MeV'),
  tablePoints: z.number().int().min(100).default(3000),
  normalisation: NormalisationSchema.default({ kind: 'gamma', gammaMeV: 2.223247, events: 20_000, seed: 'optics.electron-response.normalisation' }),
});
/** Input of {@link electronResponse}. */
export type ElectronResponseConfig = z.input<typeof ElectronResponseConfigSchema>;
/** Parsed configuration (defaults applied). */
export type ElectronResponseSettings = z.output<typeof ElectronResponseConfigSchema>;

/** The electron true response: visible energy as a function of kinetic energy, O(1) per call. */
export interface ElectronResponse {
  /** The configuration with defaults applied. */
  readonly config: ElectronResponseSettings;
  /** Factor from raw units (quenched MeV + Cherenkov) to visible energy. */
  readonly scale: number;
  /** Cherenkov threshold kinetic energy for electrons, MeV. */
  readonly cherenkovThresholdMeV: number;
  /** Visible energy of an electron (or positron, as an electron-like deposit) of kinetic energy T, MeV. */
  visibleEnergyMeV(kineticMeV: number): number;
  /** Scintillation part of the visible energy, MeV. */
  quenchedScintillation(kineticMeV: number): number;
  /** Cherenkov part of the visible energy, MeV. */
  cherenkovYield(kineticMeV: number): number;
  /** Cherenkov photons emitted in the counted window over the slowing down. */
  cherenkovPhotons(kineticMeV: number): number;
  /** E_vis / T. */
  nonlinearity(kineticMeV: number): number;
  /** Vectorised {@link visibleEnergyMeV} into `out` (allocated if absent). */
  visibleEnergyArray(kineticMeV: Float64Array, out?: Float64Array): Float64Array;
  /** Sum of the visible energies of entries [from, to) of a flat array (one event's electrons). */
  sumVisibleEnergyMeV(kineticMeV: Float64Array, from?: number, to?: number): number;
  /** The precomputed table (log grid) behind the interpolation. */
  readonly table: {
    readonly kineticEnergyMeV: Float64Array;
    readonly scintillationMeV: Float64Array;
    readonly cherenkovMeV: Float64Array;
    readonly cherenkovPhotons: Float64Array;
  };
}

const MIN_TABLE_MEV = 1e-3;

/**
 * Builds the electron true response of the LS (PHYSICS.md 1.3):
 *
 *   E_vis(T) = scale [ int_0^T dE / (1 + kB S + kC S^2) + w N_Cer(T) / Y_scint ]
 *
 * with S the Bethe-Rohrlich-Carlson collision stopping power of the medium, N_Cer the
 * Frank-Tamm photon count in the window over the slowing down (threshold beta > 1/n), w the
 * Cherenkov weight and Y_scint the scintillation photons per MeV. Both integrals are
 * tabulated once on a log grid (1 keV .. maxKineticMeV); each evaluation is then a table
 * lookup with linear interpolation (relative error < 1e-5 for 3000 points). Below 1 keV the
 * scintillation is linear in T with the quench factor of 1 keV.
 * Positrons are treated as electrons (their stopping power differs by a few %).
 *
 * @example
 * const r = electronResponse({ kBGPerCm2MeV: 6.5e-3, cherenkovWeight: 1 });
 * r.visibleEnergyMeV(1) / 1 // electron non-linearity at 1 MeV
 */
export function electronResponse(config: ElectronResponseConfig = {}): ElectronResponse {
  const parsed = ElectronResponseConfigSchema.safeParse(config);
  if (!parsed.success) throw new ValidationError('electronResponse: invalid configuration', formatZodIssues(parsed.error.issues));
  const c = parsed.data;
  if (!(c.cherenkovLambdaMaxNm > c.cherenkovLambdaMinNm)) {
    throw new ValidationError(`electronResponse: Cherenkov window [${c.cherenkovLambdaMinNm}, ${c.cherenkovLambdaMaxNm}] nm; expected min < max`);
  }
  const grid = { minMeV: MIN_TABLE_MEV, maxMeV: c.maxKineticMeV, points: c.tablePoints };
  const q = quenchedScintillationTable(c.material, { kBGPerCm2MeV: c.kBGPerCm2MeV, kCG2PerCm4MeV2: c.kCG2PerCm4MeV2 }, grid);
  const ch = cherenkovPhotonTable(
    c.material,
    { refractiveIndex: c.refractiveIndex, lambdaMinNm: c.cherenkovLambdaMinNm, lambdaMaxNm: c.cherenkovLambdaMaxNm },
    grid,
  );
  const n = c.tablePoints;
  const scint = new Float64Array(n);
  const cer = new Float64Array(n);
  const total = new Float64Array(n);
  const cerPerPhoton = c.cherenkovWeight / c.scintillationPhotonsPerMeV;
  const rawTotal = new Float64Array(n);
  for (let i = 0; i < n; i++) rawTotal[i] = (q.quenchedMeV[i] as number) + cerPerPhoton * (ch.photons[i] as number);
  const invLogStep = (n - 1) / Math.log(c.maxKineticMeV / MIN_TABLE_MEV);
  const maxT = c.maxKineticMeV;
  const lookup = (table: Float64Array, t: number): number => {
    if (t <= MIN_TABLE_MEV) {
      if (t > 0) return ((table[0] as number) * t) / MIN_TABLE_MEV;
      if (t === 0) return 0;
      throw new OutOfRangeError(`electron response: kinetic energy ${t} MeV; expected >= 0`);
    }
    if (!(t <= maxT)) throw new OutOfRangeError(`electron response: kinetic energy ${t} MeV above the table maximum ${maxT} MeV`);
    const f = Math.log(t / MIN_TABLE_MEV) * invLogStep;
    let i = f | 0;
    if (i >= n - 1) i = n - 2;
    const w = f - i;
    return (table[i] as number) * (1 - w) + (table[i + 1] as number) * w;
  };

  let scale = 1;
  const norm = c.normalisation;
  if (norm.kind === 'electron') {
    scale = norm.kineticMeV / lookup(rawTotal, norm.kineticMeV);
  } else if (norm.kind === 'gamma') {
    const r = transportGammas({ energiesMeV: [norm.gammaMeV], events: norm.events, rng: createRng(norm.seed), radiusM: Infinity });
    let raw = 0;
    const e = r.electronEnergiesMeV;
    for (let i = 0; i < e.length; i++) raw += lookup(rawTotal, e[i] as number);
    scale = norm.gammaMeV / (raw / norm.events);
  }
  for (let i = 0; i < n; i++) {
    scint[i] = scale * (q.quenchedMeV[i] as number);
    cer[i] = scale * cerPerPhoton * (ch.photons[i] as number);
    total[i] = (scint[i] as number) + (cer[i] as number);
  }
  const threshold = cherenkovThresholdMeV(c.refractiveIndex);
  const cherenkovPhotons = (t: number) => (t <= threshold ? 0 : lookup(ch.photons, t));

  return {
    config: c,
    scale,
    cherenkovThresholdMeV: threshold,
    visibleEnergyMeV: (t) => lookup(total, t),
    quenchedScintillation: (t) => lookup(scint, t),
    cherenkovYield: (t) => (t <= threshold ? 0 : lookup(cer, t)),
    cherenkovPhotons,
    nonlinearity: (t) => {
      if (!(t > 0)) throw new OutOfRangeError(`electron non-linearity: kinetic energy ${t} MeV; expected > 0`);
      return lookup(total, t) / t;
    },
    visibleEnergyArray(kineticMeV, out) {
      const o = out ?? new Float64Array(kineticMeV.length);
      if (o.length < kineticMeV.length) throw new ValidationError(`visibleEnergyArray: out has ${o.length} entries for ${kineticMeV.length} inputs`);
      for (let i = 0; i < kineticMeV.length; i++) o[i] = lookup(total, kineticMeV[i] as number);
      return o;
    },
    sumVisibleEnergyMeV(kineticMeV, from = 0, to = kineticMeV.length) {
      let s = 0;
      for (let i = from; i < to; i++) s += lookup(total, kineticMeV[i] as number);
      return s;
    },
    table: { kineticEnergyMeV: q.kineticEnergyMeV, scintillationMeV: scint, cherenkovMeV: cer, cherenkovPhotons: ch.photons },
  };
}
