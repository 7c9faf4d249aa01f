/**
 * Complementary error function with fractional error below 1.2e-7 everywhere
 * (Chebyshev fit of Numerical Recipes, 3rd ed., sect. 6.2.2, `erfcc`). Kept local: it
 * sits only in precomputation and peak-shape loops of this package.
 *
 * @example
 * erfc(0) // 1
 */
export function erfc(z: number): number {
  const a = Math.abs(z);
  const t = 1 / (1 + 0.5 * a);
  const r = t * Math.exp(-a * a + erfcPoly(t));
  return z >= 0 ? r : 2 - r;
}

/** ln of the polynomial factor: erfc(z) = t exp(-z^2 + erfcPoly(t)), t = 1/(1 + z/2), z >= 0. */
export function erfcPoly(t: number): number {
  return (
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
}

/**
 * Standard normal cumulative distribution Phi(x), relative error below ~1.2e-7.
 *
 * @example
 * normalCdf(1.959964) // 0.975
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
