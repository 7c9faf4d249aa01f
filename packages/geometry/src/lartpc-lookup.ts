import { ValidationError } from '@nucal/core';
import type { PointCm } from './point.js';
import type { ApaModule, LArTpcModule, TpcVolume } from './lartpc-module.js';

// TPC x-ranges are half-open [xMin, xMax) except the last, so that a point on a thin
// cathode belongs to exactly one TPC (the one at higher x).
function tpcIndexAtX(module: LArTpcModule, x: number): number {
  const tpcs = module.tpcs;
  const n = tpcs.length;
  for (let i = 0; i < n; i++) {
    const b = tpcs[i]!.box;
    if (x >= b.xMin && (x < b.xMax || (i === n - 1 && x === b.xMax))) return i;
  }
  return -1;
}

/**
 * The drift volume containing a point (cm), or undefined outside the active volume or in
 * the dead thickness of an inner plane. A point exactly on a thin cathode belongs to the
 * TPC at higher x.
 *
 * @example
 * tpcAt(duneFdSpModule(), { x: -700, y: 0, z: 100 })?.id // 0
 */
export function tpcAt(module: LArTpcModule, p: PointCm): TpcVolume | undefined {
  const a = module.active;
  if (!(p.y >= a.yMin && p.y <= a.yMax && p.z >= a.zMin && p.z <= a.zMax)) return undefined;
  const i = tpcIndexAtX(module, p.x);
  return i < 0 ? undefined : module.tpcs[i];
}

/**
 * Vectorised {@link tpcAt}: TPC index of each point (coordinates in cm, as three arrays of
 * equal length), -1 outside or in dead regions. Writes into `out` when given.
 *
 * @example
 * tpcIndexAt(m, Float64Array.of(-700, 0, 700), Float64Array.of(0, 0, 0), Float64Array.of(1, 1, 1))
 * // Int32Array [0, -1, 3]
 */
export function tpcIndexAt(
  module: LArTpcModule,
  xCm: ArrayLike<number>,
  yCm: ArrayLike<number>,
  zCm: ArrayLike<number>,
  out?: Int32Array,
): Int32Array {
  const n = xCm.length;
  if (yCm.length !== n || zCm.length !== n) {
    throw new ValidationError(`coordinate arrays have lengths ${n}, ${yCm.length}, ${zCm.length}: expected equal lengths`);
  }
  const res = out ?? new Int32Array(n);
  if (res.length < n) throw new ValidationError(`output array has length ${res.length}: expected at least ${n}`);
  const a = module.active;
  const tpcs = module.tpcs;
  const nt = tpcs.length;
  const xLo = new Float64Array(nt);
  const xHi = new Float64Array(nt);
  for (let i = 0; i < nt; i++) {
    xLo[i] = tpcs[i]!.box.xMin;
    xHi[i] = tpcs[i]!.box.xMax;
  }
  for (let k = 0; k < n; k++) {
    const x = xCm[k]!;
    const y = yCm[k]!;
    const z = zCm[k]!;
    let idx = -1;
    if (y >= a.yMin && y <= a.yMax && z >= a.zMin && z <= a.zMax) {
      for (let i = 0; i < nt; i++) {
        if (x >= xLo[i]! && (x < xHi[i]! || (i === nt - 1 && x === xHi[i]!))) {
          idx = i;
          break;
        }
      }
    }
    res[k] = idx;
  }
  return res;
}

/**
 * Distance (cm) of x from the anode wire plane of `tpc`, measured along the drift, positive
 * inside the volume: 0 at the anode, the drift length at the cathode.
 *
 * @example
 * const t = duneFdSpModule().tpcs[0]!;   // anode at x = -725 cm
 * driftDistanceCm(t, -625)               // 100
 */
export function driftDistanceCm(tpc: TpcVolume, xCm: number): number {
  return -tpc.driftSign * (xCm - tpc.anodeXCm);
}

/**
 * Inverse of {@link driftDistanceCm}: the x (cm) at a distance from the anode of `tpc`.
 *
 * @example
 * xAtDriftDistanceCm(duneFdSpModule().tpcs[0]!, 100) // -625
 */
export function xAtDriftDistanceCm(tpc: TpcVolume, distanceCm: number): number {
  return tpc.anodeXCm - tpc.driftSign * distanceCm;
}

/**
 * The APA on anode plane `plane` covering (y, z) in cm, or undefined in the gaps between
 * APAs and outside.
 *
 * @example
 * apaAt(duneFdSpModule(), 0, -300, 116)?.column // 0
 */
export function apaAt(module: LArTpcModule, plane: number, yCm: number, zCm: number): ApaModule | undefined {
  const cfg = module.config;
  const a = module.active;
  const row = Math.floor(((yCm - a.yMin) / (a.yMax - a.yMin)) * cfg.apaRows);
  const column = Math.floor(((zCm - a.zMin) / (a.zMax - a.zMin)) * cfg.apaColumns);
  if (row < 0 || row >= cfg.apaRows || column < 0 || column >= cfg.apaColumns) return undefined;
  // APAs are numbered anode-plane-major, then row, then column.
  const perPlane = cfg.apaRows * cfg.apaColumns;
  const ordinal = module.planes[plane]?.kind === 'APA' ? plane / 2 : -1;
  if (ordinal < 0) return undefined;
  const apa = module.apas[ordinal * perPlane + row * cfg.apaColumns + column];
  if (apa === undefined) return undefined;
  return yCm >= apa.yMinCm && yCm <= apa.yMaxCm && zCm >= apa.zMinCm && zCm <= apa.zMaxCm ? apa : undefined;
}
