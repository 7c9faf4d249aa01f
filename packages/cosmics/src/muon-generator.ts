import { z } from 'zod';
import type { RandomSource } from '@nucal/core';
import { ValidationError, formatZodIssues } from '@nucal/core';
import type { BoxCm } from '@nucal/geometry';
import { duneFdSpModule } from '@nucal/geometry';
import { physicalConstants, poisson, TabulatedSampler } from '@nucal/numeric';
import {
  DUNE_FD_DEPTH_KMWE,
  MEI_HIME_VALID_DEPTH_KMWE,
  MUON_MASS_GEV,
  meiHimeEnergyQuantileGeV,
  meiHimeTotalFlux,
  meiHimeVerticalIntensity,
} from './mei-hime.js';

/** Options of the muon generator (the depth model and its normalisation). */
export const MuonFluxConfigSchema = z.object({
  depthKmwe: z
    .number()
    .min(MEI_HIME_VALID_DEPTH_KMWE.min)
    .max(MEI_HIME_VALID_DEPTH_KMWE.max)
    .default(DUNE_FD_DEPTH_KMWE)
    .describe('vertical depth under a flat overburden, km.w.e. (4.3 = SURF 4850 ft)'),
  normalisation: z
    .enum(['total-flux', 'vertical-intensity'])
    .default('total-flux')
    .describe("'total-flux': angular shape scaled to Mei-Hime's total-flux fit; 'vertical-intensity': the angular fit as is"),
  maxEnergyGeV: z.number().positive().default(1e5).describe('muons above this total energy, GeV, are drawn at this energy (they cross the detector anyway)'),
  simulateBelowEnergyGeV: z
    .number()
    .positive()
    .optional()
    .describe(
      'keep only muons below this total energy, GeV: a sample enriched in stopping muons for stopping-muon studies (every muon is still drawn, so the others are the same as without the cut; rates of the other classes fall)',
    ),
});
export type MuonFluxConfig = z.infer<typeof MuonFluxConfigSchema>;
export type MuonFluxConfigInput = z.input<typeof MuonFluxConfigSchema>;

/** Muons entering a box, as parallel typed arrays (one entry per muon, time ordered). */
export interface MuonSet {
  readonly count: number;
  /** Arrival time since the start of the sample, s. */
  readonly timeS: Float64Array;
  /** Entry point on the box surface, cm. */
  readonly xCm: Float64Array;
  readonly yCm: Float64Array;
  readonly zCm: Float64Array;
  /** Unit direction (dy < 0: downward). */
  readonly dx: Float64Array;
  readonly dy: Float64Array;
  readonly dz: Float64Array;
  /** Kinetic energy at entry, MeV. */
  readonly kineticEnergyMeV: Float64Array;
  /** Expected number of muons entering the box per day under the configured model. */
  readonly expectedPerDay: number;
  /** Length of the sample, days. */
  readonly days: number;
}

/** The angular/area model of muons entering one box, built once and reused for many samples. */
export interface MuonFluxModel {
  readonly config: MuonFluxConfig;
  readonly box: BoxCm;
  /** Intensity normalisation factor applied to the Mei-Hime angular shape (1 for 'vertical-intensity'). */
  readonly normalisation: number;
  /** Flux through a horizontal surface implied by the model, cm^-2 s^-1. */
  readonly horizontalFluxPerCm2S: number;
  /** Expected muons entering the box per second. */
  readonly ratePerS: number;
  /** Expected muons entering the box per day. */
  readonly ratePerDay: number;
  /** Draws one muon into slot `i` of the arrays. */
  sampleInto(rng: RandomSource, out: MuonSet, i: number): void;
}

const COS_POINTS = 4000;

/**
 * Builds the flux model of muons entering the axis-aligned `box` (default: the DUNE FD active
 * volume): Mei-Hime angular shape I(h0/cos theta)/cos theta (flat overburden), uniform azimuth,
 * weighted by the box's projected area A_top cos theta + sin theta (A_x |cos phi| + A_z |sin phi|),
 * with the Mei-Hime energy spectrum at the slant depth h0 / cos theta.
 *
 * @example const model = muonFluxModel({ depthKmwe: 4.3 }); model.ratePerDay // ~ 4500 muons/day
 */
export function muonFluxModel(config: MuonFluxConfigInput = {}, box: BoxCm = duneFdSpModule().active): MuonFluxModel {
  const parsed = MuonFluxConfigSchema.safeParse(config);
  if (!parsed.success) throw new ValidationError('invalid muon flux configuration', formatZodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const h0 = cfg.depthKmwe;
  const aTop = (box.xMax - box.xMin) * (box.zMax - box.zMin);
  const aX = (box.yMax - box.yMin) * (box.zMax - box.zMin);
  const aZ = (box.xMax - box.xMin) * (box.yMax - box.yMin);

  // Shape per steradian, cm^-2 s^-1 sr^-1, and its hemisphere integrals on a midpoint grid in cos theta.
  const shape = (c: number): number => meiHimeVerticalIntensity(h0 / c) / c;
  const cosGrid = new Float64Array(COS_POINTS + 1);
  const weight = new Float64Array(COS_POINTS + 1);
  let horizontal = 0;
  for (let i = 0; i <= COS_POINTS; i++) {
    const c = i / COS_POINTS;
    cosGrid[i] = c;
    if (c === 0) continue;
    const s = Math.sqrt(1 - c * c);
    weight[i] = shape(c) * (2 * Math.PI * aTop * c + 4 * s * (aX + aZ));
  }
  for (let i = 0; i < COS_POINTS; i++) {
    const c = (i + 0.5) / COS_POINTS;
    horizontal += 2 * Math.PI * shape(c) * c;
  }
  horizontal /= COS_POINTS;
  const normalisation = cfg.normalisation === 'total-flux' ? meiHimeTotalFlux(h0) / horizontal : 1;
  const cosSampler = new TabulatedSampler(cosGrid, weight);
  const ratePerS = normalisation * cosSampler.total;
  const sideMax = Math.hypot(aX, aZ);
  const eMaxGeV = cfg.maxEnergyGeV;

  return {
    config: cfg,
    box,
    normalisation,
    horizontalFluxPerCm2S: normalisation * horizontal,
    ratePerS,
    ratePerDay: ratePerS * physicalConstants.secondsPerDay,
    sampleInto(rng: RandomSource, out: MuonSet, i: number): void {
      const c = Math.max(1e-6, cosSampler.quantile(rng.uniform()));
      const s = Math.sqrt(1 - c * c);
      // Azimuth by rejection on the side-face projected area, exact for the conditional density.
      let cp = 0;
      let sp = 0;
      const top = aTop * c;
      for (;;) {
        const phi = 2 * Math.PI * rng.uniform();
        cp = Math.cos(phi);
        sp = Math.sin(phi);
        const side = s * (aX * Math.abs(cp) + aZ * Math.abs(sp));
        if (rng.uniform() * (top + s * sideMax) <= top + side) break;
      }
      const dx = s * cp;
      const dz = s * sp;
      const wTop = top;
      const wX = aX * Math.abs(dx);
      const wZ = aZ * Math.abs(dz);
      const pick = rng.uniform() * (wTop + wX + wZ);
      const u1 = rng.uniform();
      const u2 = rng.uniform();
      let x: number;
      let y: number;
      let z: number;
      if (pick < wTop) {
        x = box.xMin + u1 * (box.xMax - box.xMin);
        y = box.yMax;
        z = box.zMin + u2 * (box.zMax - box.zMin);
      } else if (pick < wTop + wX) {
        x = dx > 0 ? box.xMin : box.xMax;
        y = box.yMin + u1 * (box.yMax - box.yMin);
        z = box.zMin + u2 * (box.zMax - box.zMin);
      } else {
        x = box.xMin + u1 * (box.xMax - box.xMin);
        y = box.yMin + u2 * (box.yMax - box.yMin);
        z = dz > 0 ? box.zMin : box.zMax;
      }
      const eGeV = Math.min(eMaxGeV, meiHimeEnergyQuantileGeV(rng.uniform(), h0 / c, MUON_MASS_GEV));
      out.xCm[i] = x;
      out.yCm[i] = y;
      out.zCm[i] = z;
      out.dx[i] = dx;
      out.dy[i] = -c;
      out.dz[i] = dz;
      out.kineticEnergyMeV[i] = Math.max(0, eGeV * 1000 - physicalConstants.muonMassMeV);
    },
  };
}

/**
 * Seeded muons entering the box over `days`: a Poisson number at the model's rate, uniform
 * arrival times (sorted), direction, entry point and energy from {@link muonFluxModel}.
 *
 * @example
 * const muons = generateMuons({ days: 1, rng: createRng(1) });
 * muons.count // ~ 4500 for the DUNE FD module at 4.3 km.w.e.
 */
export function generateMuons(options: {
  days: number;
  rng: RandomSource;
  depthKmwe?: number;
  normalisation?: MuonFluxConfig['normalisation'];
  box?: BoxCm;
  model?: MuonFluxModel;
}): MuonSet {
  const { days, rng } = options;
  if (!(days > 0) || !Number.isFinite(days)) throw new ValidationError(`days ${days}: expected a positive finite number`);
  const model =
    options.model ??
    muonFluxModel(
      { ...(options.depthKmwe !== undefined ? { depthKmwe: options.depthKmwe } : {}), ...(options.normalisation ? { normalisation: options.normalisation } : {}) },
      options.box,
    );
  const n = poisson(rng, model.ratePerDay * days);
  const set: MuonSet = {
    count: n,
    timeS: new Float64Array(n),
    xCm: new Float64Array(n),
    yCm: new Float64Array(n),
    zCm: new Float64Array(n),
    dx: new Float64Array(n),
    dy: new Float64Array(n),
    dz: new Float64Array(n),
    kineticEnergyMeV: new Float64Array(n),
    expectedPerDay: model.ratePerDay,
    days,
  };
  const span = days * physicalConstants.secondsPerDay;
  for (let i = 0; i < n; i++) set.timeS[i] = span * rng.uniform();
  set.timeS.sort();
  for (let i = 0; i < n; i++) model.sampleInto(rng, set, i);
  const cut = model.config.simulateBelowEnergyGeV;
  return cut === undefined ? set : keepBelowEnergy(set, cut);
}

/** The muons of `set` whose total energy is below `cutGeV`, in order (arrays compacted in place). */
function keepBelowEnergy(set: MuonSet, cutGeV: number): MuonSet {
  const maxKinetic = cutGeV * 1000 - physicalConstants.muonMassMeV;
  const arrays = [set.timeS, set.xCm, set.yCm, set.zCm, set.dx, set.dy, set.dz, set.kineticEnergyMeV];
  let k = 0;
  for (let i = 0; i < set.count; i++) {
    if (!(set.kineticEnergyMeV[i]! < maxKinetic)) continue;
    for (const a of arrays) a[k] = a[i]!;
    k++;
  }
  return {
    ...set,
    count: k,
    timeS: set.timeS.slice(0, k),
    xCm: set.xCm.slice(0, k),
    yCm: set.yCm.slice(0, k),
    zCm: set.zCm.slice(0, k),
    dx: set.dx.slice(0, k),
    dy: set.dy.slice(0, k),
    dz: set.dz.slice(0, k),
    kineticEnergyMeV: set.kineticEnergyMeV.slice(0, k),
  };
}
