import { describe, expect, it } from 'vitest';
import { createRng, normal } from '@nucal/numeric';
import { CubicBSplineBasis } from './bspline-basis.js';
import { fitSmoothingSpline2D, splineEvaluator } from './smoothing-spline-2d.js';

describe('cubic B-spline basis', () => {
  it('sums to 1 and reproduces the end values (clamped knots)', () => {
    const b = new CubicBSplineBasis([0, 0.3, 0.5, 0.9, 1]);
    const w = new Float64Array(4);
    for (const x of [0, 0.1, 0.3, 0.42, 0.77, 0.99, 1]) {
      b.evaluate(x, w);
      expect(w[0]! + w[1]! + w[2]! + w[3]!).toBeCloseTo(1, 14);
    }
    expect(b.evaluate(0, w)).toBe(0);
    expect(w[0]).toBeCloseTo(1, 14);
    expect(b.evaluate(1, w)).toBe(b.size - 4);
    expect(w[3]).toBeCloseTo(1, 14);
  });
});

describe('fitSmoothingSpline2D', () => {
  it('recovers a smooth surface from 300 noisy scattered points within 3 noise sigmas', () => {
    const f = (x: number, y: number) => 1 + 0.05 * x + 0.1 * y * y - 0.04 * x * y;
    const rng = createRng('spline');
    const pts = Array.from({ length: 300 }, () => {
      const x = 2 * rng.uniform() - 1;
      const y = rng.uniform();
      return { x, y, value: normal(rng, f(x, y), 0.002), error: 0.002 };
    });
    const s = fitSmoothingSpline2D(pts, { xBreakpoints: [-1, -0.5, 0, 0.5, 1], yBreakpoints: [0, 0.25, 0.5, 0.75, 1], smoothingX: 0.3, smoothingY: 0.3 });
    const g = splineEvaluator(s);
    let worst = 0;
    for (let i = 0; i <= 20; i++) for (let j = 0; j <= 20; j++) {
      const x = -1 + i / 10;
      const y = j / 20;
      worst = Math.max(worst, Math.abs(g(x, y) - f(x, y)));
    }
    expect(worst).toBeLessThan(0.006);
    // chi2 of a good smoother: about n - edf
    expect(s.chi2 / (pts.length - s.effectiveParameters)).toBeGreaterThan(0.8);
    expect(s.chi2 / (pts.length - s.effectiveParameters)).toBeLessThan(1.2);
  });

  it('the first-row tie makes the surface independent of x at the lowest y', () => {
    const pts = [
      { x: -1, y: 0.02, value: 1.0, error: 0.001 }, { x: 1, y: 0.02, value: 1.02, error: 0.001 },
      { x: -1, y: 1, value: 1.1, error: 0.001 }, { x: 1, y: 1, value: 0.9, error: 0.001 },
      { x: 0, y: 0.5, value: 1.0, error: 0.001 }, { x: 0.5, y: 0.7, value: 1.0, error: 0.001 },
    ];
    const s = fitSmoothingSpline2D(pts, { xBreakpoints: [-1, 0, 1], yBreakpoints: [0, 0.5, 1], tieFirstRow: 1e4 });
    const g = splineEvaluator(s);
    expect(Math.abs(g(-1, 0) - g(1, 0))).toBeLessThan(1e-3);
  });
});
