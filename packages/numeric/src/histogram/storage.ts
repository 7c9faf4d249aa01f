import { ValidationError } from '@nucal/core';

/**
 * What a histogram keeps per bin (boost-histogram's storages):
 * - `double`: the sum of weights. Its variance is taken as the sum itself (Poisson), which is
 *   right for unit weights only: `variances()` throws after a fill with other weights.
 * - `weight`: the sums of weights and of squared weights (variance = Σw²).
 * - `mean`: a profile: sum of weights, sum of squared weights, and the weighted mean and
 *   spread of a sample value per bin (West's incremental algorithm), e.g. dQ/dx per drift-time bin.
 */
export type StorageKind = 'double' | 'weight' | 'mean';

/** The accumulator arrays of one histogram, one entry per slot (bins plus flow and NaN slots). */
export class Storage {
  readonly kind: StorageKind;
  /** Σw per slot. */
  readonly sumw: Float64Array;
  /** Σw² per slot (`weight` and `mean`). */
  readonly sumw2: Float64Array | undefined;
  /** Weighted mean of the samples per slot (`mean`). */
  readonly mean: Float64Array | undefined;
  /** Σ w (sample - mean)² per slot (`mean`). */
  readonly m2: Float64Array | undefined;
  /** Slot that entries with a NaN sample go to (`mean`). */
  readonly nanSlot: number;
  /** A weight other than 1 was filled (matters for `double` only). */
  weighted = false;

  constructor(kind: StorageKind, slots: number, nanSlot: number) {
    if (kind !== 'double' && kind !== 'weight' && kind !== 'mean') {
      throw new ValidationError(`histogram: storage '${String(kind)}'; expected 'double', 'weight' or 'mean'`);
    }
    this.kind = kind;
    this.nanSlot = nanSlot;
    this.sumw = new Float64Array(slots);
    this.sumw2 = kind === 'double' ? undefined : new Float64Array(slots);
    this.mean = kind === 'mean' ? new Float64Array(slots) : undefined;
    this.m2 = kind === 'mean' ? new Float64Array(slots) : undefined;
  }

  /** Adds one entry of weight w (and sample value, for `mean`) at a slot. */
  addOne(slot: number, w: number, sample: number): void {
    if (w !== 1) this.weighted = true;
    const { sumw, sumw2, mean, m2 } = this;
    if (mean && m2 && sumw2) {
      const s = sample === sample ? slot : this.nanSlot;
      const total = (sumw[s] as number) + w;
      sumw2[s] = (sumw2[s] as number) + w * w;
      sumw[s] = total;
      if (total !== 0) {
        const delta = sample - (mean[s] as number);
        const m = (mean[s] as number) + (w / total) * delta;
        mean[s] = m;
        m2[s] = (m2[s] as number) + w * delta * (sample - m);
      }
      return;
    }
    sumw[slot] = (sumw[slot] as number) + w;
    if (sumw2) sumw2[slot] = (sumw2[slot] as number) + w * w;
  }

  /**
   * Adds n entries at slots[0..n): weights (an array read from `first`, a number for all, or
   * undefined for 1) and, for `mean`, samples read from `first`. One loop per case.
   */
  addChunk(slots: Int32Array, n: number, weights: ArrayLike<number> | number | undefined, first: number, samples: ArrayLike<number> | undefined): void {
    const { sumw, sumw2, mean, m2 } = this;
    if (mean && m2 && sumw2) {
      if (!samples) throw new ValidationError(`histogram: a 'mean' storage needs a sample value for every entry`);
      const nanSlot = this.nanSlot;
      const constant = typeof weights === 'number' ? weights : 1;
      if (constant !== 1) this.weighted = true;
      for (let k = 0; k < n; k++) {
        const sample = samples[first + k] as number;
        const w = weights === undefined || typeof weights === 'number' ? constant : (weights[first + k] as number);
        const s = sample === sample ? (slots[k] as number) : nanSlot;
        const total = (sumw[s] as number) + w;
        sumw2[s] = (sumw2[s] as number) + w * w;
        sumw[s] = total;
        if (total !== 0) {
          const delta = sample - (mean[s] as number);
          const m = (mean[s] as number) + (w / total) * delta;
          mean[s] = m;
          m2[s] = (m2[s] as number) + w * delta * (sample - m);
        }
      }
      if (typeof weights === 'object') this.weighted = true;
      return;
    }
    if (weights === undefined) {
      if (sumw2) {
        for (let k = 0; k < n; k++) {
          const s = slots[k] as number;
          sumw[s] = (sumw[s] as number) + 1;
          sumw2[s] = (sumw2[s] as number) + 1;
        }
      } else {
        for (let k = 0; k < n; k++) {
          const s = slots[k] as number;
          sumw[s] = (sumw[s] as number) + 1;
        }
      }
      return;
    }
    if (typeof weights === 'number') {
      const w = weights;
      const w2 = w * w;
      if (w !== 1) this.weighted = true;
      for (let k = 0; k < n; k++) {
        const s = slots[k] as number;
        sumw[s] = (sumw[s] as number) + w;
        if (sumw2) sumw2[s] = (sumw2[s] as number) + w2;
      }
      return;
    }
    let allOne = true;
    if (sumw2) {
      for (let k = 0; k < n; k++) {
        const s = slots[k] as number;
        const w = weights[first + k] as number;
        sumw[s] = (sumw[s] as number) + w;
        sumw2[s] = (sumw2[s] as number) + w * w;
      }
      allOne = false;
    } else {
      for (let k = 0; k < n; k++) {
        const s = slots[k] as number;
        const w = weights[first + k] as number;
        sumw[s] = (sumw[s] as number) + w;
        allOne = allOne && w === 1;
      }
    }
    if (!allOne) this.weighted = true;
  }

  /** Adds slot `from` of another storage of the same kind into slot `to` (Chan et al.'s merge for means). */
  merge(to: number, other: Storage, from: number): void {
    const w = other.sumw[from] as number;
    const { sumw, sumw2, mean, m2 } = this;
    if (sumw2 && other.sumw2) sumw2[to] = (sumw2[to] as number) + (other.sumw2[from] as number);
    if (mean && m2 && other.mean && other.m2) {
      const wa = sumw[to] as number;
      const total = wa + w;
      if (w !== 0 && total !== 0) {
        const delta = (other.mean[from] as number) - (mean[to] as number);
        mean[to] = (mean[to] as number) + (delta * w) / total;
        m2[to] = (m2[to] as number) + (other.m2[from] as number) + (delta * delta * wa * w) / total;
      }
    }
    sumw[to] = (sumw[to] as number) + w;
  }

  /** Σw (double, weight) or the mean of the samples (mean; NaN in an empty slot). */
  value(slot: number): number {
    if (this.mean) return (this.sumw[slot] as number) !== 0 ? (this.mean[slot] as number) : NaN;
    return this.sumw[slot] as number;
  }

  /**
   * Variance of `value`: Σw (double, unit weights), Σw² (weight), or the variance of the mean
   * s²·Σw²/(Σw)² (mean; NaN with fewer than two effective entries).
   */
  variance(slot: number): number {
    if (this.kind === 'double') return this.sumw[slot] as number;
    if (this.kind === 'weight') return (this.sumw2 as Float64Array)[slot] as number;
    const w = this.sumw[slot] as number;
    const w2 = (this.sumw2 as Float64Array)[slot] as number;
    return (this.sampleVariance(slot) * w2) / (w * w);
  }

  /**
   * Spread of the samples in a slot (mean storage): s² = Σw(x - mean)² / (Σw - Σw²/Σw), the
   * unbiased sample variance for unit weights (n - 1 in the denominator); NaN with fewer than
   * two effective entries.
   */
  sampleVariance(slot: number): number {
    const w = this.sumw[slot] as number;
    const w2 = (this.sumw2 as Float64Array)[slot] as number;
    const dof = w - w2 / w;
    return dof > 0 && w * w > w2 * (1 + 1e-12) ? ((this.m2 as Float64Array)[slot] as number) / dof : NaN;
  }

  /** Effective number of entries: Σw (double), (Σw)²/Σw² (weight, mean; 0 when empty). */
  count(slot: number): number {
    const w = this.sumw[slot] as number;
    if (!this.sumw2) return w;
    const w2 = this.sumw2[slot] as number;
    return w2 > 0 ? (w * w) / w2 : 0;
  }
}
