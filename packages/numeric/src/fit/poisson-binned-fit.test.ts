import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { exponential } from '../random/exponential.js';
import { poissonBinnedFit } from './poisson-binned-fit.js';
import { chi2Fit } from './chi2-fit.js';

/** Histogram of exponential decay times on [0, 10) in 20 bins; model = exact bin integrals. */
function toy(seed: string, events: number, tau: number): { x: number[]; counts: number[] } {
  const rng = createRng(seed);
  const counts = new Array<number>(20).fill(0);
  for (let i = 0; i < events; i++) {
    const t = exponential(rng, tau);
    if (t < 10) counts[Math.floor(t / 0.5)]! += 1;
  }
  return { x: counts.map((_, i) => 0.25 + 0.5 * i), counts };
}
const model = (x: number, p: Readonly<Record<'n' | 'tau', number>>): number =>
  p.n * (Math.exp(-(x - 0.25) / p.tau) - Math.exp(-(x + 0.25) / p.tau));
const parameters = [
  { name: 'n' as const, start: 50, step: 10, limits: [0, 1e6] as const },
  { name: 'tau' as const, start: 2, step: 0.3, limits: [0.05, 100] as const },
];

describe('poissonBinnedFit (Baker–Cousins)', () => {
  it('with a free normalisation the fitted total equals the observed total (Poisson ML property)', () => {
    const h = toy('bc', 60, 3); // ~3 counts per bin, many empty bins at large t
    // tolerance 1e-3: edm < 2e-6, so the fit is within sqrt(2 edm) = 0.002 sigma of the minimum,
    // where the totals agree exactly
    const fit = poissonBinnedFit({ ...h, model, parameters, options: { tolerance: 1e-3 } });
    expect(fit.valid).toBe(true);
    const observed = h.counts.reduce((s, c) => s + c, 0);
    const expected = h.x.reduce((s, x) => s + model(x, fit.values), 0);
    expect(Math.abs(expected - observed)).toBeLessThan(2e-3 * Math.sqrt(observed));
    expect(fit.ndof).toBe(18);
  });

  it('pulls of the lifetime over 100 low-count toys: |mean| < 0.3 (3/sqrt(100)), width in [0.8, 1.2]', () => {
    const pulls: number[] = [];
    for (let k = 0; k < 100; k++) {
      const h = toy(`bc-toy-${k}`, 100, 3);
      const fit = poissonBinnedFit({ ...h, model, parameters });
      expect(fit.valid).toBe(true);
      pulls.push((fit.values.tau - 3) / fit.errors.tau);
    }
    const m = pulls.reduce((s, v) => s + v, 0) / pulls.length;
    const w = Math.sqrt(pulls.reduce((s, v) => s + (v - m) ** 2, 0) / (pulls.length - 1));
    expect(Math.abs(m)).toBeLessThan(0.3);
    expect(w).toBeGreaterThan(0.8);
    expect(w).toBeLessThan(1.2);
  });

  it('is unbiased where a Neyman chi2 (sigma = sqrt(n)) on the same low counts is not', () => {
    let bc = 0;
    let neyman = 0;
    const toys = 50;
    for (let k = 0; k < toys; k++) {
      const h = toy(`cmp-${k}`, 100, 3);
      bc += poissonBinnedFit({ ...h, model, parameters }).values.n;
      const keep = h.counts.map((c, i) => [h.x[i]!, c] as const).filter(([, c]) => c > 0);
      neyman += chi2Fit({ x: keep.map((k2) => k2[0]), y: keep.map((k2) => k2[1]), sigma: keep.map((k2) => Math.sqrt(k2[1])), model, parameters }).values.n;
    }
    // true n = 100; Neyman's chi2 underestimates counts (weights favour downward fluctuations)
    expect(Math.abs(bc / toys - 100)).toBeLessThan(3 * 10 / Math.sqrt(toys));
    expect(neyman / toys).toBeLessThan(100 - 3 * 10 / Math.sqrt(toys));
  });
});
