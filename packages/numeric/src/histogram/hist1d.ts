import { ValidationError } from '@nucal/core';
import { sameBinning, type Axis } from './axis.js';
import { indexInto } from './axis-index.js';
import { fillRegular } from './fill-regular.js';
import {
  FILL_CHUNK, splitFillArrayRest, splitFillRest,
  type FillArrayRest, type FillRest, type FlowOption, type HistogramOptions,
} from './fill-arguments.js';
import { Storage, type StorageKind } from './storage.js';

/**
 * A 1D histogram: an {@link Axis} and a storage (boost-histogram's design). Slots: underflow,
 * the bins, overflow, NaN. Array fills index the values a chunk at a time with the axis's
 * inlined index loop, then accumulate: no call per value.
 *
 * @example
 * const h = new Hist1D(regularAxis(100, 0, 10, { label: 'E', unit: 'MeV' }), { storage: 'weight' });
 * h.fillArray(energies, weights);
 * h.values(); h.variances(); h.axis.centers();
 * const p = new Hist1D(regularAxis(20, 0, 2500, { label: 'drift time', unit: 'μs' }), { storage: 'mean' });
 * p.fillArray(driftTimes, dqdx); p.values(); // mean dQ/dx per bin; p.variances(): of the mean
 */
export class Hist1D<S extends StorageKind = 'double'> {
  readonly axis: Axis;
  readonly storage: S;
  private readonly acc: Storage;
  private scratch: Int32Array | undefined;

  constructor(axis: Axis, options: HistogramOptions<S> = {}) {
    this.axis = axis;
    this.storage = (options.storage ?? 'double') as S;
    this.acc = new Storage(this.storage, axis.bins + 3, axis.bins + 2);
  }

  /** Number of bins. */
  get bins(): number {
    return this.axis.bins;
  }

  /**
   * Adds one entry: weight (default 1); for a `mean` profile, the sample value first.
   * @example h.fill(2.5); h.fill(2.5, 0.3); profile.fill(t, dqdx);
   */
  fill(x: number, ...rest: FillRest<S>): void {
    const { w, sample } = splitFillRest(this.storage, rest);
    if (this.storage === 'mean' && typeof sample !== 'number') throw new ValidationError(`Hist1D.fill: a 'mean' profile needs a sample value`);
    this.acc.addOne(this.axis.index(x) + 1, w, sample);
  }

  /**
   * Adds every value: weights an array (one per value) or a number (default 1); for a `mean`
   * profile, the samples first. NaN values (and NaN samples) are counted in {@link nan}.
   * @example h.fillArray(xs); h.fillArray(xs, ws); profile.fillArray(ts, dqdx);
   */
  fillArray(xs: ArrayLike<number>, ...rest: FillArrayRest<S>): void {
    const { weights, samples } = splitFillArrayRest(this.storage, rest);
    checkLengths('Hist1D.fillArray', xs.length, weights, samples, this.storage);
    if (this.axis.kind === 'regular' && this.storage !== 'mean' && typeof weights !== 'number') {
      fillRegular(this.axis, xs, this.acc, weights);
      return;
    }
    const buffer = (this.scratch ??= new Int32Array(FILL_CHUNK));
    for (let start = 0; start < xs.length; start += FILL_CHUNK) {
      const end = Math.min(xs.length, start + FILL_CHUNK);
      indexInto(this.axis, xs, start, end, buffer, 1);
      this.acc.addChunk(buffer, end - start, weights, start, samples);
    }
  }

  /** Bin of x (as `axis.index`: -1 below, bins above, bins + 1 for NaN). */
  index(x: number): number {
    return this.axis.index(x);
  }

  /** The bin edges, centres and widths of the axis. */
  edges(): Float64Array {
    return this.axis.edges();
  }

  centers(): Float64Array {
    return this.axis.centers();
  }

  widths(): Float64Array {
    return this.axis.widths();
  }

  /**
   * Per bin: Σw (double, weight) or the mean sample value (mean; NaN where empty). With
   * `{ flow: true }` the underflow comes first and the overflow last.
   */
  values(options: FlowOption = {}): Float64Array {
    return this.view(options, (s) => this.acc.value(s));
  }

  /**
   * Per bin: the variance of `values`: Σw for `double` (Poisson; throws after a fill with
   * weights other than 1: use `weight`), Σw² for `weight`, the variance of the mean for `mean`
   * (s²/n for unit weights; NaN with fewer than two entries).
   */
  variances(options: FlowOption = {}): Float64Array {
    if (this.storage === 'double' && this.acc.weighted) {
      throw new ValidationError(`Hist1D.variances: filled with weights other than 1, and a 'double' storage keeps no Σw²; use { storage: 'weight' }`);
    }
    return this.view(options, (s) => this.acc.variance(s));
  }

  /** Per bin: the effective number of entries, Σw for `double`, (Σw)²/Σw² for `weight` and `mean` (the count for unit weights). */
  counts(options: FlowOption = {}): Float64Array {
    return this.view(options, (s) => this.acc.count(s));
  }

  /** Per bin of a `mean` profile: the spread s² of the samples (the variance of one sample, not of the mean). */
  sampleVariances(this: Hist1D<'mean'>, options: FlowOption = {}): Float64Array {
    return this.view(options, (s) => this.acc.sampleVariance(s));
  }

  /** Σw below the axis. */
  get underflow(): number {
    return this.acc.sumw[0] as number;
  }

  /** Σw at or above the upper edge. */
  get overflow(): number {
    return this.acc.sumw[this.axis.bins + 1] as number;
  }

  /** Σw of entries with a NaN coordinate (or a NaN sample in a `mean` profile). */
  get nan(): number {
    return this.acc.sumw[this.axis.bins + 2] as number;
  }

  /** Σw over the bins (plus underflow and overflow with `flow`; NaN entries never). */
  sum(options: FlowOption = {}): number {
    const from = options.flow ? 0 : 1;
    const to = options.flow ? this.axis.bins + 2 : this.axis.bins + 1;
    let s = 0;
    for (let i = from; i < to; i++) s += this.acc.sumw[i] as number;
    return s;
  }

  /** Adds another histogram with the same binning and storage (e.g. toys filled apart). */
  add(other: Hist1D<S>): this {
    if (other.storage !== this.storage || !sameBinning(this.axis, other.axis)) {
      throw new ValidationError(`Hist1D.add: binning or storage differ (${this.storage} ${this.axis.kind}/${this.axis.bins} and ${other.storage} ${other.axis.kind}/${other.axis.bins})`);
    }
    for (let s = 0; s < this.axis.bins + 3; s++) this.acc.merge(s, other.acc, s);
    this.acc.weighted ||= other.acc.weighted;
    return this;
  }

  /** An independent copy. */
  clone(): Hist1D<S> {
    return new Hist1D<S>(this.axis, { storage: this.storage }).add(this);
  }

  private view(options: FlowOption, at: (slot: number) => number): Float64Array {
    const bins = this.axis.bins;
    const from = options.flow ? 0 : 1;
    const out = new Float64Array(options.flow ? bins + 2 : bins);
    for (let i = 0; i < out.length; i++) out[i] = at(from + i);
    return out;
  }
}

/** The storage of a 1D histogram (for the projections of {@link Hist2D}; not exported from the package). */
export function storageOf<S extends StorageKind>(h: Hist1D<S>): Storage {
  return h['acc'];
}

/** Checks that weights and samples arrays match the values. */
export function checkLengths(where: string, n: number, weights: ArrayLike<number> | number | undefined, samples: ArrayLike<number> | undefined, kind: StorageKind): void {
  if (typeof weights === 'object' && weights.length !== n) throw new ValidationError(`${where}: ${n} values and ${weights.length} weights; expected one weight per value`);
  if (kind === 'mean') {
    if (!samples) throw new ValidationError(`${where}: a 'mean' profile needs the sample values`);
    if (samples.length !== n) throw new ValidationError(`${where}: ${n} values and ${samples.length} samples; expected one sample per value`);
  }
}
