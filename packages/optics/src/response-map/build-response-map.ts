import { ValidationError, formatZodIssues, type RandomSource } from '@nucal/core';
import { ResponseMapConfigSchema, type ResponseMapConfig, type ResponseMapConfigInput } from './config.js';
import { fastAcos, fastAtan2 } from './fast-angles.js';
import type { PmtEfficiencies } from './pmt-efficiencies.js';
import { buildResponseModel, type ResponseModel } from './response-model.js';

/**
 * Expected light yield of the LS detector as a function of the vertex: a table on
 * (r, cos(theta), phi) nodes with multilinear interpolation, O(1) and allocation-free per lookup.
 */
export interface ResponseMap {
  readonly config: ResponseMapConfig;
  readonly lsRadiusCm: number;
  /** PE per MeV at the centre for this configuration, PE/MeV (equals y0PePerMeV * lightYieldScale for the nominal detector). */
  readonly centrePeMeV: number;
  /** Expected PE per MeV of visible energy at a vertex (cm, detector frame), interpolated; 0 outside the LS. */
  peMeV(xCm: number, yCm: number, zCm: number): number;
  /** Same in spherical coordinates: r in cm, cos(theta), phi in rad. */
  peMeVSpherical(rCm: number, cosTheta: number, phiRad: number): number;
  /** Relative response g = peMeV / centrePeMeV. */
  g(xCm: number, yCm: number, zCm: number): number;
  /** True when the map has no phi dependence (built phi-symmetric). */
  readonly phiSymmetric: boolean;
  /** Grid nodes and values for storage/plots: rCm, cosTheta, phiRad node arrays, values row-major [r][cosTheta][phi] in PE/MeV. */
  readonly grid: { readonly rCm: Float64Array; readonly cosTheta: Float64Array; readonly phiRad: Float64Array; readonly values: Float32Array };
  /** Scintillation photons per MeV times lightYieldScale: PE/MeV = photonsPerMeV x detection efficiency. */
  readonly photonsPerMeV: number;
  /** Detection efficiency (PE per emitted photon) at the centre for the nominal optics of this geometry, which fixes photonsPerMeV. */
  readonly nominalCentreEfficiency: number;
  /** Mean photocathode coverage x QE of the PMT sphere (sum of PMT solid angles x QE / 4 pi). */
  readonly meanCoverageQe: number;
  /** Per-LPMT QE (0 for dead) and the dead LPMTs. */
  readonly pmts: PmtEfficiencies;
  /** Scattered-light share of the efficiency at the r nodes (scattered / total, shell mean). */
  readonly scatteredShare: Float64Array;
}

const models = new WeakMap<ResponseMap, ResponseModel>();
const nominalCache = new Map<string, number>();

/** Parses a response-map configuration; a bad field gives a ValidationError naming it. */
export function parseResponseMapConfig(config: ResponseMapConfigInput = {}): ResponseMapConfig {
  const parsed = ResponseMapConfigSchema.safeParse(config);
  if (!parsed.success) throw new ValidationError('response map: invalid configuration', formatZodIssues(parsed.error.issues));
  return parsed.data;
}

function nominalOf(c: ResponseMapConfig): ResponseMapConfig {
  const d = ResponseMapConfigSchema.parse({});
  return {
    ...c,
    absorptionLengthM: d.absorptionLengthM,
    rayleighLengthM: d.rayleighLengthM,
    nLs: d.nLs,
    nAcrylic: d.nAcrylic,
    nWater: d.nWater,
    qeMean: d.qeMean,
    qeRelSpread: 0,
    deadFraction: 0,
    deadSplit: undefined,
    grid: { ...c.grid, phiNodes: 1 },
  };
}

const opticalKey = (c: ResponseMapConfig) =>
  JSON.stringify({ ...c, y0PePerMeV: 0, lightYieldScale: 0, deadSplit: c.deadSplit ?? null, grid: { ...c.grid, phiNodes: c.grid.phiNodes ?? null } });

/**
 * Builds the response map of one configuration (a few seconds with the default grid; ~2x the
 * first time a geometry is used with non-nominal optics, for the nominal normalisation).
 *
 * The PE/MeV at a vertex is photonsPerMeV x lightYieldScale x efficiency(vertex), where the
 * efficiency is the probability that a photon emitted isotropically there is detected:
 * unscattered light traced exactly through LS / acrylic / water with Fresnel transmission and
 * total internal reflection onto the photocathode coverage x QE of the PMT sphere, shadowed by
 * the fixture bands and the chimney tube; Rayleigh-scattered light re-emitted isotropically
 * where it scatters. photonsPerMeV is fixed so that the nominal optics (absorption 77 m,
 * Rayleigh 27 m, indices 1.5/1.5/1.33, QE 0.30 on every LPMT, none dead) give y0PePerMeV at the
 * centre of this geometry; changing an optical knob then moves the yield.
 *
 * @param rng - needed only for the QE spread and dead LPMTs (uses rng.fork('qe') and rng.fork('dead'))
 * @example
 * const map = buildResponseMap({ qeRelSpread: 0 });
 * map.centrePeMeV              // 1345
 * map.g(0, 0, 1500)            // relative response 15 m above the centre
 */
export function buildResponseMap(config: ResponseMapConfigInput = {}, rng?: RandomSource): ResponseMap {
  const c = parseResponseMapConfig(config);
  const model = buildResponseModel(c, rng);
  const nominal = nominalOf(c);
  const key = opticalKey(nominal);
  let nominalCentre = nominalCache.get(key);
  if (nominalCentre === undefined) {
    nominalCentre = opticalKey(c) === key ? model.efficiency[0]! : buildResponseModel(nominal).efficiency[0]!;
    nominalCache.set(key, nominalCentre);
  }
  const photonsPerMeV = (c.y0PePerMeV / nominalCentre) * c.lightYieldScale;
  const map = assembleMap(c, model, photonsPerMeV, nominalCentre);
  models.set(map, model);
  return map;
}

function assembleMap(c: ResponseMapConfig, model: ResponseModel, photonsPerMeV: number, nominalCentre: number): ResponseMap {
  const n = model.nodes;
  const values = new Float32Array(model.efficiency.length);
  for (let q = 0; q < values.length; q++) values[q] = photonsPerMeV * model.efficiency[q]!;
  const nr = n.rCm.length;
  const nt = n.cosTheta.length;
  const np = n.phiRad.length;
  const phiSymmetric = np === 1;
  const R = n.lsRadiusCm;
  const R2 = R * R;
  const edge = n.edgeStartCm;
  const invInner = 1 / n.innerStepCm;
  const invEdge = 1 / n.edgeStepCm;
  const innerLast = n.innerCount - 1;
  const invTheta = 1 / n.thetaStepRad;
  const invPhi = 1 / n.phiStepRad;
  const rowT = np;
  const rowR = nt * np;

  const spherical = (rCm: number, cosTheta: number, phiRad: number): number => {
    if (!(rCm <= R && rCm >= 0)) return 0;
    let i: number;
    let fr: number;
    if (rCm < edge) {
      const t = rCm * invInner;
      i = t | 0;
      fr = t - i;
    } else {
      const t = (rCm - edge) * invEdge;
      const k = t | 0;
      i = innerLast + k;
      fr = t - k;
    }
    if (i >= nr - 1) {
      i = nr - 2;
      fr = 1;
    }
    const ct = cosTheta > 1 ? 1 : cosTheta < -1 ? -1 : cosTheta;
    const tt = (Math.PI - fastAcos(ct)) * invTheta;
    let j = tt | 0;
    let ft = tt - j;
    if (j >= nt - 1) {
      j = nt - 2;
      ft = 1;
    }
    const b = i * rowR + j * rowT;
    if (phiSymmetric) {
      const v00 = values[b]!;
      const v01 = values[b + rowT]!;
      const v10 = values[b + rowR]!;
      const v11 = values[b + rowR + rowT]!;
      return (1 - fr) * (v00 + ft * (v01 - v00)) + fr * (v10 + ft * (v11 - v10));
    }
    let tp = phiRad * invPhi;
    tp -= Math.floor(tp / np) * np;
    let k = tp | 0;
    const fp = tp - k;
    if (k >= np) k = 0;
    const k1 = k + 1 === np ? 0 : k + 1;
    const b01 = b + rowT;
    const b10 = b + rowR;
    const b11 = b10 + rowT;
    const v00 = values[b + k]! + fp * (values[b + k1]! - values[b + k]!);
    const v01 = values[b01 + k]! + fp * (values[b01 + k1]! - values[b01 + k]!);
    const v10 = values[b10 + k]! + fp * (values[b10 + k1]! - values[b10 + k]!);
    const v11 = values[b11 + k]! + fp * (values[b11 + k1]! - values[b11 + k]!);
    return (1 - fr) * (v00 + ft * (v01 - v00)) + fr * (v10 + ft * (v11 - v10));
  };
  const peMeV = (x: number, y: number, z: number): number => {
    const r2 = x * x + y * y + z * z;
    if (!(r2 <= R2)) return 0;
    const r = Math.sqrt(r2);
    return spherical(r, r > 0 ? z / r : 1, phiSymmetric ? 0 : fastAtan2(y, x));
  };
  const centrePeMeV = photonsPerMeV * model.efficiency[0]!;
  const invCentre = 1 / centrePeMeV;
  const scatteredShare = new Float64Array(nr);
  for (let i = 0; i < nr; i++) scatteredShare[i] = model.scattered[i]! / model.shellEfficiency[i]!;
  return {
    config: c,
    lsRadiusCm: R,
    centrePeMeV,
    peMeV,
    peMeVSpherical: spherical,
    g: (x, y, z) => peMeV(x, y, z) * invCentre,
    phiSymmetric,
    grid: { rCm: n.rCm, cosTheta: n.cosTheta, phiRad: n.phiRad, values },
    photonsPerMeV,
    nominalCentreEfficiency: nominalCentre,
    meanCoverageQe: model.context.ring.meanCoverage,
    pmts: model.pmts,
    scatteredShare,
  };
}

/**
 * Direct (un-tabulated) evaluation of a map's PE/MeV at one vertex (cm): the unscattered light
 * traced for this exact vertex, the scattered light from the map's solved shell efficiencies.
 * Costs about a millisecond; for tests and for checking the interpolation.
 *
 * @example Math.abs(map.peMeV(0, 0, 1000) / responseAtVertex(map, 0, 0, 1000) - 1) < 1e-3 // true
 */
export function responseAtVertex(map: ResponseMap, xCm: number, yCm: number, zCm: number): number {
  const model = models.get(map);
  if (!model) throw new ValidationError('responseAtVertex: the map was not made by buildResponseMap; expected a map it returned');
  const r = Math.hypot(xCm, yCm, zCm);
  if (!(r <= map.lsRadiusCm)) return 0;
  const cosTheta = r > 0 ? zCm / r : 1;
  const phi = map.phiSymmetric ? 0 : Math.atan2(yCm, xCm);
  return map.photonsPerMeV * model.efficiencyAt(r, cosTheta, phi);
}
