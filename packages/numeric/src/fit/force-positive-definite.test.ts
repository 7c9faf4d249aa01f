import { describe, expect, it } from 'vitest';
import { cholesky, symmetricEigen } from './dense-matrix.js';
import { forcePositiveDefinite } from './force-positive-definite.js';

const m = (rows: number[][]): Float64Array[] => rows.map((r) => Float64Array.from(r));

describe('forcePositiveDefinite (MINUIT MNPSDF)', () => {
  it('leaves a positive-definite matrix unchanged', () => {
    const a = m([[4, 1], [1, 3]]);
    const r = forcePositiveDefinite(a, Float64Array.of(1, 1));
    expect(r.forced).toBe(false);
    expect(r.matrix.map((row) => [...row])).toEqual([[4, 1], [1, 3]]);
  });

  it('scales the diagonal by 1 + padd, padd = 1e-3 max p - min p of the unit-diagonal matrix', () => {
    // unit-diagonal already; eigenvalues 3 and -1: padd = 0.003 + 1
    const r = forcePositiveDefinite(m([[1, 2], [2, 1]]), Float64Array.of(1, 1));
    expect(r.forced).toBe(true);
    expect(r.diagonalAdded).toBeCloseTo(1.003, 12);
    expect(r.matrix[0]![0]).toBeCloseTo(2.003, 12);
    expect(r.matrix[0]![1]).toBe(2);
    expect(cholesky(r.matrix)).toBeDefined();
    // the smallest eigenvalue of the repaired unit-diagonal matrix is 1e-3 of the largest before
    const d = r.matrix.map((row, i) => row[i]!);
    const p = symmetricEigen(r.matrix.map((row, i) => Float64Array.from(row, (v, j) => v / Math.sqrt(d[i]! * d[j]!))));
    expect(Math.min(...p.values) * (1 + r.diagonalAdded)).toBeCloseTo(0.003, 10);
  });

  it('replaces non-positive diagonal elements by the fallback and repairs a singular matrix', () => {
    const r = forcePositiveDefinite(m([[-2, 0.5, 0], [0.5, 4, 6], [0, 6, 9]]), Float64Array.of(8, 1, 1));
    expect(r.replacedDiagonal).toEqual([0]);
    expect(r.matrix[0]![0]! / (1 + r.diagonalAdded)).toBe(8);
    expect(r.diagonalAdded).toBeGreaterThan(0); // rows 2-3 are 100% correlated
    expect(cholesky(r.matrix)).toBeDefined();
  });
});
