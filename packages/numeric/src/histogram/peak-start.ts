/** A histogram with uniform bins on [lo, hi). */
export interface UniformHistogram {
  readonly lo: number;
  readonly hi: number;
  readonly counts: ArrayLike<number>;
}

/**
 * The start of a peak fit: the bin with the largest 3-bin running sum (the first of equals;
 * bins 1 .. n-2, so both neighbours exist) and that sum. Bin 1 with sum -1 when n < 3.
 *
 * @example
 * highestRunningSum3([0, 2, 5, 9, 4, 1]) // { bin: 3, sum: 18 }
 */
export function highestRunningSum3(counts: ArrayLike<number>): { readonly bin: number; readonly sum: number } {
  let bin = 1;
  let sum = -1;
  for (let j = 1; j < counts.length - 1; j++) {
    const s = (counts[j - 1] as number) + (counts[j] as number) + (counts[j + 1] as number);
    if (s > sum) {
      sum = s;
      bin = j;
    }
  }
  return { bin, sum };
}
