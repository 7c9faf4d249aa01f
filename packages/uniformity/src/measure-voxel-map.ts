import { ValidationError } from '@nucal/core';
import type { EnergyCalibration } from './energy-calibration.js';
import type { EventSample } from './event-sample.js';
import { VoxelMap, type VoxelGridShape } from './voxel-map.js';

/** A monoenergetic calibration sample: the events and their known visible energy (MeV). */
export interface CalibrationSample {
  readonly events: EventSample;
  readonly visibleMeV: number;
}

/** Result of {@link VoxelAccumulator.finish}: the calibration and the map behind it. */
export interface MeasuredVoxelMap extends EnergyCalibration {
  /** Relative response per voxel (1 at the centre). */
  readonly map: VoxelMap;
  /** Events per voxel. */
  readonly counts: Float64Array;
  /** Voxels without events, filled with their shell's mean. */
  readonly emptyVoxels: number;
}

/** Window of a truncated second pass: per voxel, keep |y - mean| sqrt(E) <= limit. */
export interface VoxelWindow {
  readonly mean: Float64Array;
  readonly limit: Float64Array;
}

/**
 * Measures the response per equal-volume voxel from calibration events (reconstructed vertex
 * and charge only), streaming: samples are added one at a time and not kept. Per event
 * y = (Q - dQ_DR) / E_vis; per voxel Y0 g = sum(Q - dQ_DR) / sum(E_vis), which weighs samples
 * of several energies by their energy (near inverse variance: var(y) ~ Y0 / E). Y0 is the
 * same ratio over the events reconstructed within `centreRadiusCm` (default 100 cm; g(1 m) - 1
 * is ~4e-4 in a JUNO-like detector) of the centre, and g =
 * (Y0 g) / Y0. With a `window` (from a first pass, {@link VoxelAccumulator.window}) only the
 * events within it count: a leakage tail would pull a plain mean.
 *
 * @example
 * const acc = new VoxelAccumulator({ nV: 25, nU: 20, nPhi: 40 }, 1770, 184.9);
 * acc.add(events, 4.03);
 * const cal = acc.finish(); cal.g(0, 0, 1500)
 */
export class VoxelAccumulator {
  private readonly grid: VoxelMap;
  private readonly sumQ: Float64Array;
  private readonly sumE: Float64Array;
  private readonly sumQ2OverE: Float64Array;
  private readonly counts: Float64Array;
  private centreQ = 0;
  private centreE = 0;
  private readonly rc2: number;

  constructor(
    readonly shape: VoxelGridShape,
    readonly radiusCm: number,
    readonly darkOffsetPe: number,
    private readonly options: { centreRadiusCm?: number; window?: VoxelWindow } = {},
  ) {
    if (shape.nV < 2 || shape.nU < 2 || shape.nPhi < 1) {
      throw new ValidationError(`voxel grid ${shape.nV} x ${shape.nU} x ${shape.nPhi}: expected nV >= 2, nU >= 2, nPhi >= 1`);
    }
    const n = shape.nV * shape.nU * shape.nPhi;
    this.grid = new VoxelMap(shape, radiusCm, new Float64Array(n));
    this.sumQ = new Float64Array(n);
    this.sumE = new Float64Array(n);
    this.sumQ2OverE = new Float64Array(n);
    this.counts = new Float64Array(n);
    this.rc2 = (options.centreRadiusCm ?? 100) ** 2;
  }

  /** Adds the events of one sample of known visible energy (MeV). */
  add(events: EventSample, visibleMeV: number): void {
    if (!(visibleMeV > 0)) throw new ValidationError(`calibration sample energy ${visibleMeV} MeV: expected > 0`);
    const { xCm, yCm, zCm, chargePe } = events;
    const w = this.options.window;
    const sqrtE = Math.sqrt(visibleMeV);
    for (let i = 0; i < events.count; i++) {
      const x = xCm[i]!;
      const y = yCm[i]!;
      const z = zCm[i]!;
      const q = chargePe[i]! - this.darkOffsetPe;
      const k = this.grid.index(x, y, z);
      if (w && Math.abs((q / visibleMeV - w.mean[k]!) * sqrtE) > w.limit[k]!) continue;
      this.sumQ[k]! += q;
      this.sumE[k]! += visibleMeV;
      this.sumQ2OverE[k]! += (q * q) / visibleMeV;
      this.counts[k]! += 1;
      if (x * x + y * y + z * z <= this.rc2) {
        this.centreQ += q;
        this.centreE += visibleMeV;
      }
    }
  }

  /**
   * The +-`sigmas` window of a truncated second pass: per voxel the weighted mean of y and
   * `sigmas` times the r.m.s. of (y - mean) sqrt(E).
   */
  window(sigmas: number): VoxelWindow {
    const n = this.sumQ.length;
    const mean = new Float64Array(n);
    const limit = new Float64Array(n).fill(Infinity);
    for (let k = 0; k < n; k++) {
      if (!(this.sumE[k]! > 0)) continue;
      const m = this.sumQ[k]! / this.sumE[k]!;
      mean[k] = m;
      if (this.counts[k]! > 1) {
        const v = (this.sumQ2OverE[k]! - m * m * this.sumE[k]!) / this.counts[k]!;
        limit[k] = sigmas * Math.sqrt(Math.max(v, 0));
      }
    }
    return { mean, limit };
  }

  /** The measured calibration; empty voxels take their shell's mean. */
  finish(): MeasuredVoxelMap {
    const { nV, nU, nPhi } = this.shape;
    const values = this.grid.values;
    const perShell = nU * nPhi;
    if (!(this.centreE > 0)) {
      throw new ValidationError(`voxel map: no calibration event within ${Math.sqrt(this.rc2)} cm of the centre; expected events there to measure Y0`);
    }
    const y0 = this.centreQ / this.centreE;
    let empty = 0;
    for (let iv = 0; iv < nV; iv++) {
      let q = 0;
      let e = 0;
      for (let k = iv * perShell; k < (iv + 1) * perShell; k++) {
        q += this.sumQ[k]!;
        e += this.sumE[k]!;
      }
      if (!(e > 0)) throw new ValidationError(`voxel map: shell ${iv} of ${nV} has no events; expected more calibration statistics`);
      for (let k = iv * perShell; k < (iv + 1) * perShell; k++) {
        if (this.sumE[k]! > 0) values[k] = this.sumQ[k]! / this.sumE[k]! / y0;
        else {
          values[k] = q / e / y0;
          empty++;
        }
      }
    }
    const grid = this.grid;
    grid.centreValue = 1; // g is 1 at the centre by the definition of Y0
    return { y0PePerMeV: y0, g: (x, y, z) => grid.evaluate(x, y, z), map: grid, counts: this.counts, emptyVoxels: empty };
  }
}

/**
 * {@link VoxelAccumulator} over samples held in memory; `truncateSigmas` > 0 runs a second
 * pass keeping the events within that many r.m.s. of their voxel's mean.
 *
 * @example const cal = measureVoxelMap([{ events, visibleMeV: 2.223 }], { nV: 50, nU: 40, nPhi: 1 }, 1770, 184.9, 3);
 */
export function measureVoxelMap(
  samples: readonly CalibrationSample[],
  shape: VoxelGridShape,
  radiusCm: number,
  darkOffsetPe: number,
  truncateSigmas = 0,
): MeasuredVoxelMap {
  const first = new VoxelAccumulator(shape, radiusCm, darkOffsetPe);
  for (const s of samples) first.add(s.events, s.visibleMeV);
  if (!(truncateSigmas > 0)) return first.finish();
  const second = new VoxelAccumulator(shape, radiusCm, darkOffsetPe, { window: first.window(truncateSigmas) });
  for (const s of samples) second.add(s.events, s.visibleMeV);
  return second.finish();
}
