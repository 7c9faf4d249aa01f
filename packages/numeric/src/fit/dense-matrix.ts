/**
 * Small dense symmetric-matrix helpers for the minimiser (n is the number of free
 * parameters, typically < 20, so plain nested arrays beat a general library here).
 */

/** Cholesky factor L (lower, row-major n×n) of a symmetric matrix, or undefined if not positive definite. */
export function cholesky(a: readonly Float64Array[]): Float64Array[] | undefined {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const li = l[i] as Float64Array;
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as Float64Array;
      let s = (a[i] as Float64Array)[j] as number;
      for (let k = 0; k < j; k++) s -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        // Relative pivot test: a pivot below 1e-10 of the diagonal means this direction is a
        // linear combination of the previous ones (|correlation| > 1 - 1e-10): singular.
        if (!(s > 1e-10 * Math.abs((a[i] as Float64Array)[i] as number)) || !Number.isFinite(s)) return undefined;
        li[i] = Math.sqrt(s);
      } else {
        li[j] = s / (lj[j] as number);
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive-definite matrix from its Cholesky factor. */
export function inverseFromCholesky(l: readonly Float64Array[]): Float64Array[] {
  const n = l.length;
  // inv(L) by forward substitution, then inv(A) = inv(L)ᵀ inv(L).
  const li = Array.from({ length: n }, () => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let s = i === j ? 1 : 0;
      const row = l[i] as Float64Array;
      for (let k = j; k < i; k++) s -= (row[k] as number) * ((li[k] as Float64Array)[j] as number);
      (li[i] as Float64Array)[j] = s / (row[i] as number);
    }
  }
  const inv = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += ((li[k] as Float64Array)[i] as number) * ((li[k] as Float64Array)[j] as number);
      (inv[i] as Float64Array)[j] = s;
      (inv[j] as Float64Array)[i] = s;
    }
  }
  return inv;
}

/** y = A x for a square matrix. */
export function matVec(a: readonly Float64Array[], x: Float64Array): Float64Array {
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = a[i] as Float64Array;
    let s = 0;
    for (let j = 0; j < n; j++) s += (row[j] as number) * (x[j] as number);
    y[i] = s;
  }
  return y;
}

/** Dot product. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Diagonal matrix. */
export function diagonal(d: Float64Array): Float64Array[] {
  return Array.from(d, (v, i) => {
    const row = new Float64Array(d.length);
    row[i] = v;
    return row;
  });
}
