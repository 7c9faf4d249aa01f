import { ValidationError } from '@nucal/core';

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;
const INV_SQRT_2PI = 0.3989422804014327;
/** Below this |x|, erf from its positive-term series; above, erfc from its continued fraction. */
const SERIES_LIMIT = 2.5;

/** erf(x) for 0 <= x < 2.5: (2/√π) e^{-x²} Σ (2x²)^n x / (2n+1)!! (A&S 7.1.6), all terms positive. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** exp(x²) erfc(x) for x >= 2.5 from the continued fraction (A&S 7.1.14) by the modified Lentz method. */
function erfcxFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return INV_SQRT_PI / f;
}

/** erfc(x) for x >= 2.5. */
function erfcFraction(x: number): number {
  return Math.exp(-x * x) * erfcxFraction(x);
}

/**
 * Error function, relative accuracy ~1e-15.
 * @example erf(1); // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  const r = ax < SERIES_LIMIT ? erfSeries(ax) : 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/**
 * Complementary error function 1 - erf(x), accurate in the far tail (no cancellation for x > 0).
 * @example erfc(5); // 1.5374597944280349e-12
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= SERIES_LIMIT) return erfcFraction(x);
  if (x > -SERIES_LIMIT) return 1 - (x < 0 ? -erfSeries(-x) : erfSeries(x));
  return 2 - erfcFraction(-x);
}

/**
 * Scaled complementary error function erfcx(x) = exp(x²) erfc(x), for products such as
 * exp(a) · erfc(x) with a large a (exponentially modified Gaussians) without overflow or
 * underflow; relative accuracy ~1e-13 for x >= 0 (~1e-15 above 2.5). For x < 0 it grows as
 * 2 exp(x²) (Infinity below about -26.6).
 * @example erfcx(30); // 0.018795888861416751 (erfc(30) itself underflows to 2.6e-393 -> 0)
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= SERIES_LIMIT) return erfcxFraction(x);
  if (x >= 0) return Math.exp(x * x) * (1 - erfSeries(x));
  return 2 * Math.exp(x * x) - erfcx(-x);
}

function checkSigma(what: string, sigma: number): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new ValidationError(`${what}: sigma ${sigma}; expected a finite number > 0`);
}

/**
 * Gaussian density exp(-(x-mean)²/(2σ²)) / (σ√(2π)).
 * @example normalPdf(0); // 0.3989
 */
export function normalPdf(x: number, mean = 0, sigma = 1): number {
  checkSigma('normalPdf', sigma);
  const z = (x - mean) / sigma;
  return (INV_SQRT_2PI / sigma) * Math.exp(-0.5 * z * z);
}

/**
 * Gaussian cumulative distribution ½ erfc(-(x-mean)/(σ√2)), accurate to ~1e-15 relative in
 * both tails (e.g. normalCdf(-8) = 6.2e-16 without cancellation).
 * @example normalCdf(1.96); // 0.9750021
 */
export function normalCdf(x: number, mean = 0, sigma = 1): number {
  checkSigma('normalCdf', sigma);
  return 0.5 * erfc(-(x - mean) / (sigma * Math.SQRT2));
}
