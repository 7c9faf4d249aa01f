import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';
import { matVec, symmetricEigen } from './dense-matrix.js';

describe('symmetricEigen (Jacobi)', () => {
  it('agrees with ml-matrix on a random symmetric 6x6 matrix, and A v = lambda v', () => {
    const rng = createRng('jacobi');
    const n = 6;
    const a = Array.from({ length: n }, () => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = normal(rng);
        a[i]![j] = v;
        a[j]![i] = v;
      }
    }
    const { values, vectors } = symmetricEigen(a);
    const ref = new EigenvalueDecomposition(new Matrix(a.map((r) => [...r])), { assumeSymmetric: true }).realEigenvalues;
    const sorted = [...values].sort((x, y) => x - y);
    const scale = Math.max(...ref.map(Math.abs));
    ref.sort((x, y) => x - y).forEach((r, i) => expect(Math.abs(sorted[i]! - r)).toBeLessThan(1e-12 * scale));
    values.forEach((lambda, k) => {
      const v = vectors[k]!;
      const av = matVec(a, v);
      expect(Math.hypot(...v)).toBeCloseTo(1, 12);
      for (let i = 0; i < n; i++) expect(Math.abs(av[i]! - lambda * v[i]!)).toBeLessThan(1e-12 * scale);
    });
  });
});
