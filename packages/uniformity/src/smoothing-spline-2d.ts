import { ValidationError } from '@nucal/core';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { CubicBSplineBasis } from './bspline-basis.js';

/** A scattered data point of a surface: position (x, y), value and its 1-sigma error. */
export interface SurfacePoint {
  readonly x: number;
  readonly y: number;
  readonly value: number;
  readonly error: number;
}

/** Options of {@link fitSmoothingSpline2D}. */
export interface SmoothingSpline2DOptions {
  /** Breakpoints in x (cubic B-splines, clamped ends). */
  readonly xBreakpoints: readonly number[];
  /** Breakpoints in y. */
  readonly yBreakpoints: readonly number[];
  /** Weight of the second-difference penalty along x, relative to the mean data weight (default 1). */
  readonly smoothingX?: number;
  /** Same along y (default 1). */
  readonly smoothingY?: number;
  /**
   * Tie the coefficients of the first y row together with this relative weight (default 0:
   * off): makes the surface independent of x at the lowest y, as a map in (cos theta,
   * (r/R)^3) must be at the centre, where every cos theta is the same point.
   */
  readonly tieFirstRow?: number;
  /** Compute chi2 and the effective number of parameters (default true; the trace costs a matrix inverse). */
  readonly diagnostics?: boolean;
}

/** A fitted tensor-product cubic B-spline surface: breakpoints and coefficients (x-major). */
export interface SplineSurface {
  readonly xBreakpoints: number[];
  readonly yBreakpoints: number[];
  /** Coefficient (i, j) of x-basis i and y-basis j at i * ny + j, ny = yBreakpoints.length + 2. */
  readonly coefficients: number[];
  /** Weighted residual sum of squares sum((value - s)/error)^2 (NaN without diagnostics). */
  readonly chi2: number;
  /** Effective number of parameters, trace of the hat matrix. */
  readonly effectiveParameters: number;
}

/**
 * Penalised least-squares tensor-product cubic B-spline (a P-spline: P. Eilers and B. Marx,
 * Stat. Sci. 11 (1996) 89) through scattered, weighted data: minimises
 * sum w (v - s)^2 + lambda_x |D2_x c|^2 + lambda_y |D2_y c|^2 (+ the first-row tie), D2 the
 * second divided differences of the coefficients at the Greville abscissae (zero for a plane), with
 * lambda = smoothing x mean(w); the normal equations are solved by Cholesky (ml-matrix).
 * Where the data stop the penalty continues the surface linearly. Written here because no
 * maintained JavaScript library fits smoothing splines to scattered 2-D data (see README).
 *
 * @example
 * const s = fitSmoothingSpline2D(points, { xBreakpoints: [-1, 0, 1], yBreakpoints: [0, 0.5, 1] });
 * evaluateSpline2D(s, 0.3, 0.8)
 */
export function fitSmoothingSpline2D(points: readonly SurfacePoint[], o: SmoothingSpline2DOptions): SplineSurface {
  const bx = new CubicBSplineBasis(o.xBreakpoints);
  const by = new CubicBSplineBasis(o.yBreakpoints);
  const nx = bx.size;
  const ny = by.size;
  const m = nx * ny;
  if (points.length < 4) throw new ValidationError(`smoothing spline with ${points.length} points: expected at least 4`);
  const A = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  let wMean = 0;
  const rows: { idx: number[]; val: number[] }[] = [];
  for (const p of points) {
    if (!(p.error > 0) || !Number.isFinite(p.value)) throw new ValidationError(`spline data point at (${p.x}, ${p.y}): value ${p.value} +- ${p.error}; expected a finite value and error > 0`);
    const w = 1 / (p.error * p.error);
    wMean += w / points.length;
    const i0 = bx.evaluate(p.x, wx);
    const j0 = by.evaluate(p.y, wy);
    const idx: number[] = [];
    const val: number[] = [];
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) {
      idx.push((i0 + a) * ny + (j0 + b));
      val.push(wx[a]! * wy[b]!);
    }
    rows.push({ idx, val });
    for (let s = 0; s < 16; s++) {
      rhs[idx[s]!]! += w * val[s]! * p.value;
      for (let t = 0; t < 16; t++) A[idx[s]! * m + idx[t]!]! += w * val[s]! * val[t]!;
    }
  }
  const addDifference = (terms: readonly (readonly [number, number])[], lambda: number) => {
    for (const [k1, c1] of terms) for (const [k2, c2] of terms) A[k1 * m + k2]! += lambda * c1 * c2;
  };
  const lx = (o.smoothingX ?? 1) * wMean;
  const ly = (o.smoothingY ?? 1) * wMean;
  // Second divided differences of the coefficients at the Greville abscissae, scaled by the
  // mean spacing: zero for a linear surface even with clamped ends and uneven breakpoints
  // (plain second differences would bend the surface near the edges).
  const divided = (tau: Float64Array, i: number): [number, number, number] => {
    const h = (tau[tau.length - 1]! - tau[0]!) / (tau.length - 1);
    const a = h / (tau[i + 1]! - tau[i]!);
    const b = h / (tau[i + 2]! - tau[i + 1]!);
    return [a, -(a + b), b];
  };
  const gx = bx.greville();
  const gy = by.greville();
  for (let i = 0; i + 2 < nx; i++) {
    const [a, b, c] = divided(gx, i);
    for (let j = 0; j < ny; j++) addDifference([[i * ny + j, a], [(i + 1) * ny + j, b], [(i + 2) * ny + j, c]], lx);
  }
  for (let j = 0; j + 2 < ny; j++) {
    const [a, b, c] = divided(gy, j);
    for (let i = 0; i < nx; i++) addDifference([[i * ny + j, a], [i * ny + j + 1, b], [i * ny + j + 2, c]], ly);
  }
  const tie = (o.tieFirstRow ?? 0) * wMean;
  if (tie > 0) for (let i = 0; i + 1 < nx; i++) addDifference([[i * ny, 1], [(i + 1) * ny, -1]], tie);
  // a tiny ridge keeps coefficients that no datum and no penalty reach determined
  for (let k = 0; k < m; k++) A[k * m + k]! += 1e-9 * wMean;
  const matrix = new Matrix(m, m);
  // products in a different order round differently: symmetrise exactly
  for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) matrix.set(r, c, 0.5 * (A[r * m + c]! + A[c * m + r]!));
  const chol = new CholeskyDecomposition(matrix);
  if (!chol.isPositiveDefinite()) throw new ValidationError('smoothing spline: normal equations not positive definite; expected more data or more smoothing');
  const coef = chol.solve(Matrix.columnVector(Array.from(rhs))).to1DArray();
  if (o.diagnostics === false) return { xBreakpoints: [...o.xBreakpoints], yBreakpoints: [...o.yBreakpoints], coefficients: coef, chi2: NaN, effectiveParameters: NaN };
  // diagnostics: chi2 and the trace of the hat matrix, sum_i w_i b_i^T A^-1 b_i
  const inv = chol.solve(Matrix.eye(m, m));
  let chi2 = 0;
  let edf = 0;
  points.forEach((p, n) => {
    const { idx, val } = rows[n]!;
    let s = 0;
    let h = 0;
    for (let a = 0; a < 16; a++) {
      s += val[a]! * coef[idx[a]!]!;
      for (let b = 0; b < 16; b++) h += val[a]! * inv.get(idx[a]!, idx[b]!) * val[b]!;
    }
    const w = 1 / (p.error * p.error);
    chi2 += w * (p.value - s) ** 2;
    edf += w * h;
  });
  return { xBreakpoints: [...o.xBreakpoints], yBreakpoints: [...o.yBreakpoints], coefficients: coef, chi2, effectiveParameters: edf };
}

/**
 * A fast evaluator of a spline surface: the surface is evaluated once per call of this
 * factory; each evaluation costs two basis evaluations and 16 products.
 *
 * @example const f = splineEvaluator(surface); f(0.2, 0.9)
 */
export function splineEvaluator(s: SplineSurface): (x: number, y: number) => number {
  const bx = new CubicBSplineBasis(s.xBreakpoints);
  const by = new CubicBSplineBasis(s.yBreakpoints);
  const ny = by.size;
  if (s.coefficients.length !== bx.size * ny) {
    throw new ValidationError(`spline surface with ${s.coefficients.length} coefficients: expected ${bx.size} x ${ny}`);
  }
  const c = Float64Array.from(s.coefficients);
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  return (x, y) => {
    const i0 = bx.evaluate(x, wx);
    const j0 = by.evaluate(y, wy);
    let v = 0;
    for (let a = 0; a < 4; a++) {
      const row = (i0 + a) * ny + j0;
      v += wx[a]! * (wy[0]! * c[row]! + wy[1]! * c[row + 1]! + wy[2]! * c[row + 2]! + wy[3]! * c[row + 3]!);
    }
    return v;
  };
}

/** One evaluation of a spline surface (builds the evaluator; use {@link splineEvaluator} in loops). */
export function evaluateSpline2D(s: SplineSurface, x: number, y: number): number {
  return splineEvaluator(s)(x, y);
}
