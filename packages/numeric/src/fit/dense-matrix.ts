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

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (Golub & Van
 * Loan, Matrix Computations, 4th ed., sect. 8.5), unsorted: `vectors[k]` belongs to `values[k]`.
 * Accurate to a few ulps of the largest eigenvalue; meant for the small matrices of a fit.
 */
export function symmetricEigen(a: readonly Float64Array[]): { values: Float64Array; vectors: Float64Array[] } {
  const n = a.length;
  const m = a.map((row) => Float64Array.from(row));
  // Columns of w are the eigenvectors (w accumulates the rotations).
  const w = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = ((m[i] as Float64Array)[j] as number) ** 2;
        if (i === j) scale += v;
        else off += v;
      }
    }
    if (!(off > 1e-30 * scale)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const mp = m[p] as Float64Array;
        const mq = m[q] as Float64Array;
        const apq = mp[q] as number;
        if (apq === 0) continue;
        // Rotation angle that zeroes m[p][q] (the smaller root t keeps the rotation stable).
        const theta = ((mq[q] as number) - (mp[p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mk = m[k] as Float64Array;
          const akp = mk[p] as number;
          const akq = mk[q] as number;
          mk[p] = c * akp - s * akq;
          mk[q] = s * akp + c * akq;
          const wk = w[k] as Float64Array;
          const wkp = wk[p] as number;
          const wkq = wk[q] as number;
          wk[p] = c * wkp - s * wkq;
          wk[q] = s * wkp + c * wkq;
        }
        for (let k = 0; k < n; k++) {
          const apk = mp[k] as number;
          const aqk = mq[k] as number;
          mp[k] = c * apk - s * aqk;
          mq[k] = s * apk + c * aqk;
        }
      }
    }
  }
  return {
    values: Float64Array.from(m, (row, i) => row[i] as number),
    vectors: Array.from({ length: n }, (_, k) => Float64Array.from(w, (row) => row[k] as number)),
  };
}

/** BFGS update of the inverse-Hessian approximation (Nocedal & Wright, Numerical Optimization, eq. 6.17). */
export function bfgsUpdate(v: Float64Array[], s: Float64Array, y: Float64Array, sy: number): Float64Array[] {
  const n = s.length;
  const vy = matVec(v, y);
  const yvy = dot(y, vy);
  const a = (sy + yvy) / (sy * sy);
  return v.map((row, i) => {
    const out = new Float64Array(n);
    const si = s[i] as number;
    const vyi = vy[i] as number;
    for (let j = 0; j < n; j++) {
      out[j] = (row[j] as number) + a * si * (s[j] as number) - (vyi * (s[j] as number) + si * (vy[j] as number)) / sy;
    }
    return out;
  });
}
