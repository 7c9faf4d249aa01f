import { ValidationError } from '@nucal/core';
import type { FitResult } from './fit-result.js';
import { minimize, type MinimizeOptions, type ParameterSpec } from './minimize.js';

/** Input of {@link poissonBinnedFit}. */
export interface PoissonBinnedFitInput<P extends string> {
  /** Bin centres (or any per-bin abscissa the model understands). */
  x: ArrayLike<number>;
  /** Observed counts per bin (>= 0; need not be integers for weighted-free histograms). */
  counts: ArrayLike<number>;
  /** Expected count in bin i (> 0 where counts > 0), e.g. density × bin width. */
  model: (x: number, p: Readonly<Record<P, number>>, bin: number) => number;
  parameters: readonly ParameterSpec<P>[];
  /** errorDef is fixed to 1 and nData to the number of bins. */
  options?: Omit<MinimizeOptions<P>, 'errorDef' | 'nData'>;
}

/**
 * Binned Poisson maximum-likelihood fit for histograms with low counts, minimising the
 * Baker–Cousins likelihood-ratio chi2 (S. Baker and R.D. Cousins, Nucl. Instrum. Meth. 221 (1984) 437):
 *   χ²_λ = 2 Σ [ μᵢ - nᵢ + nᵢ ln(nᵢ/μᵢ) ],
 * which is -2 ln(L/L_saturated), so errorDef = 1 and the minimum is chi2-distributed for large
 * counts (goodness of fit with ndof = nBins - nFree). Unlike Neyman/Pearson chi2 it is unbiased
 * for bins with few or zero counts.
 *
 * @example
 * const fit = poissonBinnedFit({
 *   x: h.centers(), counts: h.counts,
 *   model: (x, p) => binWidth * p.n * normalPdf(x, p.mu, p.sigma),
 *   parameters: [{ name: 'n', start: 100 }, { name: 'mu', start: 0 }, { name: 'sigma', start: 1, limits: [0.01, 10] }],
 * });
 */
export function poissonBinnedFit<P extends string>(input: PoissonBinnedFitInput<P>): FitResult<P> {
  const { x, counts, model } = input;
  const n = x.length;
  if (counts.length !== n) throw new ValidationError(`poissonBinnedFit: x has ${n} bins and counts ${counts.length}; expected equal lengths`);
  const xs = Float64Array.from(x);
  const ns = Float64Array.from(counts);
  // n ln n once, so each call needs one log per non-empty bin.
  const nLogN = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = ns[i] as number;
    if (!(c >= 0) || !Number.isFinite(c)) throw new ValidationError(`poissonBinnedFit: counts[${i}] = ${c}; expected a finite number >= 0`);
    nLogN[i] = c > 0 ? c * Math.log(c) : 0;
  }
  const bakerCousins = (p: Readonly<Record<P, number>>): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const mu = model(xs[i] as number, p, i);
      const c = ns[i] as number;
      if (c > 0) {
        if (!(mu > 0)) return Infinity;
        sum += mu - c + (nLogN[i] as number) - c * Math.log(mu);
      } else {
        sum += mu;
      }
    }
    // each term is >= 0; clamp the rounding of a perfect fit so that chi2 stays >= 0
    return Math.max(0, 2 * sum);
  };
  return minimize(bakerCousins, input.parameters, { ...input.options, errorDef: 1, nData: n });
}
