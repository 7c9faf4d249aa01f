import { ValidationError, formatZodIssues } from '@nucal/core';
import type { BoxCm } from './box.js';
import {
  LArTpcModuleConfigSchema,
  type LArTpcModuleConfig,
  type LArTpcModuleConfigInput,
  type WirePlaneConfig,
} from './lartpc-config.js';

/** Anode (APA, wire readout) or cathode (CPA, high voltage). */
export type DriftPlaneKind = 'APA' | 'CPA';

/** A plane perpendicular to x: an anode or a cathode. */
export interface DriftPlane {
  /** Position along x, 0 at the x- face of the module. */
  readonly index: number;
  readonly kind: DriftPlaneKind;
  /** Centre of the plane along x, cm. */
  readonly xCm: number;
  /** Dead x-range of the plane, cm (equal to xCm for a thin or outer plane). */
  readonly xMinCm: number;
  readonly xMaxCm: number;
  /** Ids of the drift volumes on either side (one for an outer plane). */
  readonly tpcs: readonly number[];
}

/** One drift volume ("TPC"): electrons drift along x from its cathode to its anode. */
export interface TpcVolume {
  readonly id: number;
  readonly box: BoxCm;
  /** x of the anode wire plane (collection face) bounding this volume, cm. */
  readonly anodeXCm: number;
  /** x of the cathode face bounding this volume, cm. */
  readonly cathodeXCm: number;
  readonly anodePlane: number;
  readonly cathodePlane: number;
  /** Anode-cathode distance, cm. */
  readonly driftLengthCm: number;
  /** Sign of x along which electrons drift (towards the anode): +1 or -1. */
  readonly driftSign: 1 | -1;
}

/** One anode plane assembly on an anode plane (both faces for an inner APA). */
export interface ApaModule {
  /** Running number: plane-major, then row (y), then column (z). */
  readonly id: number;
  /** Index of the anode {@link DriftPlane}. */
  readonly plane: number;
  /** Row along y, 0 at the bottom. */
  readonly row: number;
  /** Column along z, 0 at z = 0. */
  readonly column: number;
  readonly yMinCm: number;
  readonly yMaxCm: number;
  readonly zMinCm: number;
  readonly zMaxCm: number;
}

/** A built single-phase LArTPC module, centimetres throughout. */
export interface LArTpcModule {
  readonly name: string;
  readonly config: LArTpcModuleConfig;
  /** Active volume: x centred on 0, y centred on 0 (up), z from 0 to the length. */
  readonly active: BoxCm;
  /** Planes ordered along x. */
  readonly planes: readonly DriftPlane[];
  /** Drift volumes ordered along x. */
  readonly tpcs: readonly TpcVolume[];
  readonly apas: readonly ApaModule[];
  readonly wirePlanes: readonly WirePlaneConfig[];
  /** Anode-cathode distance of every TPC, cm. */
  readonly driftLengthCm: number;
}

const M_TO_CM = 100;

/**
 * Builds a single-phase LArTPC module; with no argument the DUNE far-detector horizontal
 * drift module (PHYSICS.md 2.1).
 *
 * Coordinates (cm): x along the drift axis, centred on 0; y vertical (up), centred on 0;
 * z along the beam from 0 to the module length. The outer anodes' collection planes are
 * the x faces of the active volume. Inner planes have a dead thickness
 * (`innerApaThicknessM`, `innerCpaThicknessM`) and the drift length is what remains,
 * split evenly: (14.5 m - 0.1 m) / 4 = 3.6 m by default.
 *
 * @example
 * const m = duneFdSpModule();
 * m.tpcs.length           // 4
 * m.driftLengthCm         // 360
 * m.planes.map((p) => p.kind).join('-') // 'APA-CPA-APA-CPA-APA'
 */
export function duneFdSpModule(config: LArTpcModuleConfigInput = {}): LArTpcModule {
  const parsed = LArTpcModuleConfigSchema.safeParse(config);
  if (!parsed.success) throw new ValidationError('invalid LArTPC module configuration', formatZodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const n = cfg.driftVolumes;
  const widthCm = cfg.widthM * M_TO_CM;
  const heightCm = cfg.heightM * M_TO_CM;
  const lengthCm = cfg.lengthM * M_TO_CM;

  // Plane k sits between TPC k-1 and TPC k; even planes are anodes.
  const nPlanes = n + 1;
  const kindOf = (k: number): DriftPlaneKind => (k % 2 === 0 ? 'APA' : 'CPA');
  const thicknessCm = (k: number): number => {
    if (k === 0 || k === nPlanes - 1) return 0;
    return (kindOf(k) === 'APA' ? cfg.innerApaThicknessM : cfg.innerCpaThicknessM) * M_TO_CM;
  };
  let deadCm = 0;
  for (let k = 0; k < nPlanes; k++) deadCm += thicknessCm(k);
  const driftLengthCm = (widthCm - deadCm) / n;
  if (!(driftLengthCm > 0)) {
    throw new ValidationError(
      `module width ${cfg.widthM} m leaves no drift length after ${deadCm / M_TO_CM} m of inner planes: expected width > plane thicknesses`,
    );
  }
  if (cfg.apaRows * cfg.apaHeightM > cfg.heightM * (1 + 1e-9)) {
    throw new ValidationError(`${cfg.apaRows} APA rows of ${cfg.apaHeightM} m do not fit in a height of ${cfg.heightM} m`);
  }
  if (cfg.apaColumns * cfg.apaWidthM > cfg.lengthM * (1 + 1e-9)) {
    throw new ValidationError(`${cfg.apaColumns} APA columns of ${cfg.apaWidthM} m do not fit in a length of ${cfg.lengthM} m`);
  }

  const x0 = -widthCm / 2;
  const planes: DriftPlane[] = [];
  let x = x0;
  for (let k = 0; k < nPlanes; k++) {
    const t = thicknessCm(k);
    const tpcs = [k - 1, k].filter((i) => i >= 0 && i < n);
    planes.push({ index: k, kind: kindOf(k), xCm: x + t / 2, xMinCm: x, xMaxCm: x + t, tpcs });
    x += t + driftLengthCm;
  }
  // Guard the right edge against rounding so that the last plane sits exactly on the face.
  const last = planes[nPlanes - 1]!;
  planes[nPlanes - 1] = { ...last, xCm: widthCm / 2, xMinCm: widthCm / 2, xMaxCm: widthCm / 2 };

  const active: BoxCm = { xMin: x0, xMax: widthCm / 2, yMin: -heightCm / 2, yMax: heightCm / 2, zMin: 0, zMax: lengthCm };
  const tpcs: TpcVolume[] = [];
  for (let i = 0; i < n; i++) {
    const left = planes[i]!;
    const right = planes[i + 1]!;
    const anodeOnLeft = left.kind === 'APA';
    const box: BoxCm = { ...active, xMin: left.xMaxCm, xMax: right.xMinCm };
    tpcs.push({
      id: i,
      box,
      anodeXCm: anodeOnLeft ? box.xMin : box.xMax,
      cathodeXCm: anodeOnLeft ? box.xMax : box.xMin,
      anodePlane: anodeOnLeft ? left.index : right.index,
      cathodePlane: anodeOnLeft ? right.index : left.index,
      driftLengthCm: box.xMax - box.xMin,
      driftSign: anodeOnLeft ? -1 : 1,
    });
  }

  // APAs are centred in equal cells; the cell margin stands for frames and gaps.
  const apas: ApaModule[] = [];
  const cellHCm = heightCm / cfg.apaRows;
  const cellWCm = lengthCm / cfg.apaColumns;
  const apaHCm = cfg.apaHeightM * M_TO_CM;
  const apaWCm = cfg.apaWidthM * M_TO_CM;
  for (const plane of planes) {
    if (plane.kind !== 'APA') continue;
    for (let row = 0; row < cfg.apaRows; row++) {
      for (let column = 0; column < cfg.apaColumns; column++) {
        const yc = active.yMin + (row + 0.5) * cellHCm;
        const zc = (column + 0.5) * cellWCm;
        apas.push({
          id: apas.length,
          plane: plane.index,
          row,
          column,
          yMinCm: yc - apaHCm / 2,
          yMaxCm: yc + apaHCm / 2,
          zMinCm: zc - apaWCm / 2,
          zMaxCm: zc + apaWCm / 2,
        });
      }
    }
  }

  return Object.freeze({
    name: cfg.name,
    config: cfg,
    active,
    planes,
    tpcs,
    apas,
    wirePlanes: cfg.wirePlanes,
    driftLengthCm,
  });
}
