import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';

/**
 * Inverse-CDF sampler of a density given as a table, interpolated linearly between points
 * (a piecewise-linear pdf; its CDF is piecewise quadratic and inverted exactly). Use it for
 * beta spectra, muon spectra, and any tabulated shape. The table need not be normalised.
 *
 * @example
 * const s = new TabulatedSampler(new Float64Array([0, 1, 2]), new Float64Array([0, 1, 0]));
 * const x = s.sample(rng); // triangular on [0, 2]
 */
export class TabulatedSampler {
  /** Abscissae (strictly increasing). */
  readonly x: Float64Array;
  /** Density at each abscissa (>= 0, unnormalised). */
  readonly pdf: Float64Array;
  /** Running integral of the pdf at each abscissa (cumulative[0] = 0). */
  readonly cumulative: Float64Array;
  /** Integral of the tabulated pdf over its range. */
  readonly total: number;

  constructor(x: Float64Array, pdf: Float64Array) {
    const n = x.length;
    if (n < 2 || pdf.length !== n) {
      throw new ValidationError(`TabulatedSampler: x has ${n} points and pdf ${pdf.length}; expected equal lengths >= 2`);
    }
    const cumulative = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const fi = pdf[i] as number;
      if (!(fi >= 0) || !Number.isFinite(fi)) throw new ValidationError(`TabulatedSampler: pdf[${i}] = ${fi}; expected a finite number >= 0`);
      if (!Number.isFinite(xi)) throw new ValidationError(`TabulatedSampler: x[${i}] = ${xi}; expected a finite number`);
      if (i > 0) {
        const xp = x[i - 1] as number;
        if (!(xi > xp)) throw new ValidationError(`TabulatedSampler: x[${i}] = ${xi} <= x[${i - 1}] = ${xp}; expected strictly increasing x`);
        cumulative[i] = (cumulative[i - 1] as number) + 0.5 * (xi - xp) * (fi + (pdf[i - 1] as number));
      }
    }
    const total = cumulative[n - 1] as number;
    if (!(total > 0)) throw new ValidationError('TabulatedSampler: the pdf integrates to 0; expected a positive area');
    this.x = Float64Array.from(x);
    this.pdf = Float64Array.from(pdf);
    this.cumulative = cumulative;
    this.total = total;
  }

  /**
   * The value below which a fraction `u` of the distribution lies (u in [0, 1]).
   * @example s.quantile(0.5) // median
   */
  quantile(u: number): number {
    const target = u * this.total;
    const c = this.cumulative;
    const n = c.length;
    // Segment i with c[i] <= target < c[i+1]; zero-area segments are skipped.
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] as number) <= target) lo = mid;
      else hi = mid;
    }
    const x0 = this.x[lo] as number;
    const h = (this.x[hi] as number) - x0;
    const f0 = this.pdf[lo] as number;
    const slope = ((this.pdf[hi] as number) - f0) / h;
    const area = target - (c[lo] as number);
    // Solve f0 t + slope t^2 / 2 = area in the cancellation-free form.
    const disc = Math.max(0, f0 * f0 + 2 * slope * area);
    const denom = f0 + Math.sqrt(disc);
    const t = denom > 0 ? (2 * area) / denom : 0;
    return x0 + Math.min(Math.max(t, 0), h);
  }

  /** One deviate. @example s.sample(rng) */
  sample(rng: RandomSource): number {
    return this.quantile(rng.uniform());
  }
}

/**
 * Functional form of {@link TabulatedSampler}: returns `(rng) => deviate`.
 *
 * @param x - abscissae, strictly increasing (any unit; the deviates have it)
 * @param pdf - density at x (>= 0, need not be normalised), linear in between
 * @example
 * const betaEnergyMeV = tabulatedSampler(energiesMeV, spectrum);
 * const e = betaEnergyMeV(rng);
 */
export function tabulatedSampler(x: Float64Array, pdf: Float64Array): (rng: RandomSource) => number {
  const sampler = new TabulatedSampler(x, pdf);
  return (rng) => sampler.quantile(rng.uniform());
}
