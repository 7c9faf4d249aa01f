import { ValidationError } from '@nucal/core';
import { sameBinning, type Axis } from './axis.js';
import { indexInto } from './axis-index.js';
import {
  FILL_CHUNK, splitFillArrayRest, splitFillRest,
  type FillArrayRest, type FillRest, type FlowOption, type HistogramOptions,
} from './fill-arguments.js';
import { checkLengths, Hist1D, storageOf } from './hist1d.js';
import { Storage, type StorageKind } from './storage.js';

/** Options of {@link Hist2D.projectX} / {@link Hist2D.projectY}: the bins of the other axis summed over. */
export interface ProjectionOptions {
  /**
   * Bins [start, stop) of the axis summed over (inner bins only). Default: all of it, underflow,
   * overflow and NaN included, so the projection is what a 1D histogram of the same entries holds.
   */
  readonly bins?: readonly [number, number];
}

/**
 * A 2D histogram (e.g. dE/dx vs residual range): two axes and a storage. Each axis has the
 * slots underflow, bins, overflow, NaN; `values()` is flat, x-major: bin (i, j) at i·ny + j.
 *
 * @example
 * const h = new Hist2D(variableAxis(rrEdges, { label: 'residual range', unit: 'cm' }),
 *                      regularAxis(60, 0, 12, { label: 'dE/dx', unit: 'MeV/cm' }));
 * h.fillArray(rr, dedx);
 * h.values()[i * h.yAxis.bins + j]; h.projectY({ bins: [10, 20] }); // dE/dx between two residual ranges
 */
export class Hist2D<S extends StorageKind = 'double'> {
  readonly xAxis: Axis;
  readonly yAxis: Axis;
  readonly storage: S;
  private readonly acc: Storage;
  /** Slots per x slot: y bins + 3. */
  private readonly stride: number;
  private scratchX: Int32Array | undefined;
  private scratchY: Int32Array | undefined;

  constructor(xAxis: Axis, yAxis: Axis, options: HistogramOptions<S> = {}) {
    this.xAxis = xAxis;
    this.yAxis = yAxis;
    this.storage = (options.storage ?? 'double') as S;
    this.stride = yAxis.bins + 3;
    const slots = (xAxis.bins + 3) * this.stride;
    if (slots > 2 ** 30) throw new ValidationError(`Hist2D: ${xAxis.bins} × ${yAxis.bins} bins; expected at most 2^30 slots`);
    this.acc = new Storage(this.storage, slots, slots - 1);
  }

  /**
   * Adds one entry at (x, y): weight (default 1); for a `mean` profile, the sample value first.
   * @example h.fill(rr, dedx); profile2d.fill(x, y, charge, w);
   */
  fill(x: number, y: number, ...rest: FillRest<S>): void {
    const { w, sample } = splitFillRest(this.storage, rest);
    if (this.storage === 'mean' && typeof sample !== 'number') throw new ValidationError(`Hist2D.fill: a 'mean' profile needs a sample value`);
    this.acc.addOne((this.xAxis.index(x) + 1) * this.stride + this.yAxis.index(y) + 1, w, sample);
  }

  /** Adds every pair (xs[i], ys[i]): weights an array or a number; for `mean`, the samples first. */
  fillArray(xs: ArrayLike<number>, ys: ArrayLike<number>, ...rest: FillArrayRest<S>): void {
    if (ys.length !== xs.length) throw new ValidationError(`Hist2D.fillArray: ${xs.length} x values and ${ys.length} y values; expected equal lengths`);
    const { weights, samples } = splitFillArrayRest(this.storage, rest);
    checkLengths('Hist2D.fillArray', xs.length, weights, samples, this.storage);
    const bx = (this.scratchX ??= new Int32Array(FILL_CHUNK));
    const by = (this.scratchY ??= new Int32Array(FILL_CHUNK));
    const stride = this.stride;
    for (let start = 0; start < xs.length; start += FILL_CHUNK) {
      const end = Math.min(xs.length, start + FILL_CHUNK);
      const n = end - start;
      indexInto(this.xAxis, xs, start, end, bx, 1);
      indexInto(this.yAxis, ys, start, end, by, 1);
      for (let k = 0; k < n; k++) bx[k] = (bx[k] as number) * stride + (by[k] as number);
      this.acc.addChunk(bx, n, weights, start, samples);
    }
  }

  /**
   * Per bin, x-major (bin (i, j) at i·ny + j): Σw, or the mean sample (`mean`). With
   * `{ flow: true }` each axis has its underflow first and overflow last ((nx + 2)·(ny + 2) values).
   */
  values(options: FlowOption = {}): Float64Array {
    return this.view(options, (s) => this.acc.value(s));
  }

  /** Per bin, x-major: the variance of `values` (as {@link Hist1D.variances}). */
  variances(options: FlowOption = {}): Float64Array {
    if (this.storage === 'double' && this.acc.weighted) {
      throw new ValidationError(`Hist2D.variances: filled with weights other than 1, and a 'double' storage keeps no Σw²; use { storage: 'weight' }`);
    }
    return this.view(options, (s) => this.acc.variance(s));
  }

  /** Per bin, x-major: the effective number of entries (as {@link Hist1D.counts}). */
  counts(options: FlowOption = {}): Float64Array {
    return this.view(options, (s) => this.acc.count(s));
  }

  /** Per bin of a `mean` profile, x-major: the spread s² of the samples. */
  sampleVariances(this: Hist2D<'mean'>, options: FlowOption = {}): Float64Array {
    return this.view(options, (s) => this.acc.sampleVariance(s));
  }

  /** Σw of entries with a NaN coordinate (or a NaN sample in a `mean` profile). */
  get nan(): number {
    const nx = this.xAxis.bins;
    const ny = this.yAxis.bins;
    let s = 0;
    for (let i = 0; i < nx + 3; i++) {
      for (let j = 0; j < ny + 3; j++) {
        if (i === nx + 2 || j === ny + 2) s += this.acc.sumw[i * this.stride + j] as number;
      }
    }
    return s;
  }

  /** Σw over the bins (with `flow`, over the flow bins too; NaN entries never). */
  sum(options: FlowOption = {}): number {
    const v = this.view(options, (s) => this.acc.sumw[s] as number);
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] as number;
    return s;
  }

  /**
   * The histogram of x summed over y bins (all by default, flows and NaN included): a 1D
   * histogram over `xAxis` with the same storage (profiles merge their means).
   * @example h.projectX({ bins: [0, 5] }) // x for the first five y bins
   */
  projectX(options: ProjectionOptions = {}): Hist1D<S> {
    return this.project(true, options);
  }

  /** The histogram of y summed over x bins (all by default, flows and NaN included). */
  projectY(options: ProjectionOptions = {}): Hist1D<S> {
    return this.project(false, options);
  }

  /** Adds another histogram with the same binning and storage. */
  add(other: Hist2D<S>): this {
    if (other.storage !== this.storage || !sameBinning(this.xAxis, other.xAxis) || !sameBinning(this.yAxis, other.yAxis)) {
      throw new ValidationError('Hist2D.add: binning or storage differ');
    }
    for (let s = 0; s < this.acc.sumw.length; s++) this.acc.merge(s, other.acc, s);
    this.acc.weighted ||= other.acc.weighted;
    return this;
  }

  private project(onX: boolean, options: ProjectionOptions): Hist1D<S> {
    const keep = onX ? this.xAxis : this.yAxis;
    const over = onX ? this.yAxis : this.xAxis;
    const out = new Hist1D<S>(keep, { storage: this.storage });
    const target = storageOf(out);
    let from = 0;
    let to = over.bins + 3;
    if (options.bins) {
      const [start, stop] = options.bins;
      if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > over.bins || start >= stop) {
        throw new ValidationError(`Hist2D.project${onX ? 'X' : 'Y'}: bins [${start}, ${stop}); expected integers 0 <= start < stop <= ${over.bins}`);
      }
      from = start + 1;
      to = stop + 1;
    }
    for (let k = 0; k < keep.bins + 3; k++) {
      for (let o = from; o < to; o++) target.merge(k, this.acc, onX ? k * this.stride + o : o * this.stride + k);
    }
    target.weighted = this.acc.weighted;
    return out;
  }

  private view(options: FlowOption, at: (slot: number) => number): Float64Array {
    const nx = this.xAxis.bins;
    const ny = this.yAxis.bins;
    const f = options.flow ? 1 : 0;
    const mx = nx + 2 * f;
    const my = ny + 2 * f;
    const out = new Float64Array(mx * my);
    for (let i = 0; i < mx; i++) {
      const base = (i + 1 - f) * this.stride + 1 - f;
      for (let j = 0; j < my; j++) out[i * my + j] = at(base + j);
    }
    return out;
  }
}
