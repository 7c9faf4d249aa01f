import { ValidationError } from '@nucal/core';
import type { Axis } from './axis.js';

/**
 * Bin indices of xs[start..end) into out[0..end-start), as {@link Axis.index} gives them (-1
 * below, bins above, bins + 1 for NaN), plus `offset` (1 turns them into storage slots). One
 * loop per axis kind with the index computation inlined: no call per value.
 */
export function indexInto(axis: Axis, xs: ArrayLike<number>, start: number, end: number, out: Int32Array, offset = 0): void {
  const { lo, hi, bins } = axis;
  const below = offset - 1;
  const above = bins + offset;
  const nan = bins + 1 + offset;
  let k = 0;
  switch (axis.kind) {
    case 'regular': {
      const { edgeTable: e, scale, roundOff } = axis;
      const last = bins - 1;
      const upper = 1 - roundOff;
      for (let i = start; i < end; i++, k++) {
        const x = xs[i] as number;
        if (x >= lo) {
          if (x < hi) {
            const t = (x - lo) * scale;
            let b = t | 0;
            const f = t - b;
            if (!(f >= roundOff && f <= upper)) {
              if (b > last) b = last;
              while (x < (e[b] as number)) b--;
              while (x >= (e[b + 1] as number)) b++;
            }
            out[k] = b + offset;
          } else out[k] = above;
        } else out[k] = x < lo ? below : nan;
      }
      return;
    }
    case 'variable': {
      const { edgeTable: e, cellBin, cellScale } = axis;
      const cells = cellBin.length - 1;
      for (let i = start; i < end; i++, k++) {
        const x = xs[i] as number;
        if (x >= lo) {
          if (x < hi) {
            let c = ((x - lo) * cellScale) | 0;
            if (c >= cells) c = cells - 1;
            let a = cellBin[c] as number;
            let b = (cellBin[c + 1] as number) + 1;
            if (!(x >= (e[a] as number) && x < (e[b] as number))) {
              a = 0;
              b = bins;
            }
            while (b - a > 1) {
              const m = (a + b) >>> 1;
              if (x < (e[m] as number)) b = m;
              else a = m;
            }
            out[k] = a + offset;
          } else out[k] = above;
        } else out[k] = x < lo ? below : nan;
      }
      return;
    }
    case 'integer': {
      const shift = offset - lo;
      for (let i = start; i < end; i++, k++) {
        const x = xs[i] as number;
        if (x >= lo) out[k] = x < hi ? Math.floor(x) + shift : above;
        else out[k] = x < lo ? below : nan;
      }
      return;
    }
  }
}

/**
 * The bin index of every value (as `axis.index`: -1 below, bins above, bins + 1 for NaN), for
 * per-bin estimators that need the entries themselves (truncated means, MPV fits).
 * @example const idx = binIndices(regularAxis(20, 0, 2500), driftTimesUs);
 */
export function binIndices(axis: Axis, xs: ArrayLike<number>, out?: Int32Array): Int32Array {
  const o = out ?? new Int32Array(xs.length);
  if (o.length < xs.length) throw new ValidationError(`binIndices: output of length ${o.length} for ${xs.length} values; expected at least as long`);
  indexInto(axis, xs, 0, xs.length, o);
  return o;
}
