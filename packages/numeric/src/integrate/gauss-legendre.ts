import { ValidationError } from '@nucal/core';

/** Nodes and weights of an n-point Gauss–Legendre rule on [-1, 1]. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/**
 * n-point Gauss–Legendre nodes (ascending) and weights on [-1, 1], exact for polynomials of
 * degree 2n - 1. Nodes are the roots of P_n found by Newton's method from the Tricomi initial
 * guess cos(π(i - 1/4)/(n + 1/2)); weights 2 / ((1 - x²) P_n'(x)²) (Abramowitz & Stegun 25.4.29).
 * Results are cached per n.
 *
 * @param n - number of points (1..1000)
 * @example
 * const { nodes, weights } = gaussLegendre(5);
 * // ∫_a^b f ≈ (b-a)/2 Σ w_i f((b-a)/2 x_i + (a+b)/2)
 */
export function gaussLegendre(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ValidationError(`gaussLegendre: n = ${n}; expected an integer in [1, 1000]`);
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.ceil(n / 2);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // P_n(x) and P_n'(x) by the three-term recurrence
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
