import { describe, expect, it } from 'vitest';
import { finiteDifferenceHessian } from './finite-difference-hessian.js';

describe('finiteDifferenceHessian (HESSE)', () => {
  const quadratic = (x: Float64Array): number => 3 * x[0]! ** 2 + 2 * x[0]! * x[1]! + 0.5 * x[1]! ** 2 + x[0]! - 4 * x[1]!;
  const steps = { start: Float64Array.of(0.05, 0.1), min: Float64Array.of(1e-9, 1e-9), max: Float64Array.of(Infinity, Infinity) };

  it('is exact for a quadratic: [[6, 2], [2, 1]]', () => {
    const x = Float64Array.of(0.3, -0.2);
    const { matrix } = finiteDifferenceHessian(quadratic, x, quadratic(x), 1, steps);
    expect(matrix[0]![0]).toBeCloseTo(6, 7);
    expect(matrix[1]![1]).toBeCloseTo(1, 7);
    expect(matrix[0]![1]).toBeCloseTo(2, 7);
    expect(matrix[1]![0]).toBe(matrix[0]![1]);
  });

  it('at a bound moves the stencil inside and never evaluates beyond it', () => {
    const x = Float64Array.of(0, 0); // x0 sits on its lower bound 0
    let below = 0;
    const f = (p: Float64Array): number => {
      if (p[0]! < 0) below++;
      return quadratic(p);
    };
    const { matrix, step } = finiteDifferenceHessian(f, x, f(x), 1, { ...steps, lower: Float64Array.of(0, -Infinity), upper: Float64Array.of(Infinity, Infinity) });
    expect(below).toBe(0);
    expect(step[0]).toBeGreaterThan(0);
    expect(matrix[0]![0]).toBeCloseTo(6, 7);
    expect(matrix[0]![1]).toBeCloseTo(2, 7);
  });

  it('adapts the steps to 0.1 of the error sqrt(2 errorDef / curvature)', () => {
    const x = Float64Array.of(0, 0);
    const { step } = finiteDifferenceHessian(quadratic, x, quadratic(x), 0.5, { ...steps, start: Float64Array.of(10, 10) });
    expect(step[0]).toBeCloseTo(0.1 * Math.sqrt(1 / 6), 6);
    expect(step[1]).toBeCloseTo(0.1, 6);
  });
});
