import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { erf, erfc, erfcx, normalCdf, normalPdf } from './normal.js';
import { erfcFast, erfcxFast, normalCdfFast } from './erfc-fast.js';
import { chi2Survival, regularizedGammaP, regularizedGammaQ } from './gamma-incomplete.js';
import { poissonLogPmf } from './poisson-pmf.js';
import { landauCdf, landauPdf } from './landau.js';
import { langauPdf, langauPdfArray } from './langau.js';
import { integrate, integrateWithError } from '../integrate/gauss-kronrod.js';
import { createRng } from '../random/rng.js';
import { landau, LANDAU_MPV_STANDARD } from '../random/landau.js';
import { normal } from '../random/normal.js';
import { Histogram1D } from '../histogram/histogram-1d.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('normal distribution', () => {
  it('erf/erfc and the normal CDF match tabulated values (Abramowitz & Stegun Table 7.1, 26.1) to 1e-14', () => {
    expect(rel(erf(0.5), 0.5204998778130465)).toBeLessThan(1e-14);
    expect(rel(erf(1), 0.8427007929497149)).toBeLessThan(1e-14);
    expect(rel(erf(-2), -0.9953222650189527)).toBeLessThan(1e-14);
    expect(rel(erfc(3), 2.209049699858544e-5)).toBeLessThan(1e-13);
    expect(rel(erfc(5), 1.5374597944280349e-12)).toBeLessThan(1e-13);
    expect(rel(normalCdf(1), 0.8413447460685429)).toBeLessThan(1e-14);
    expect(rel(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-13);
    expect(rel(normalCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-13);
    expect(rel(normalCdf(12, 2, 2), normalCdf(5))).toBeLessThan(1e-15);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(normalPdf(3, 1, 2)).toBeCloseTo(Math.exp(-0.5) / (2 * Math.sqrt(2 * Math.PI)), 15);
    // continuity across the series / continued-fraction switch at 2.5
    expect(rel(erfc(2.5 - 1e-12), erfc(2.5 + 1e-12))).toBeLessThan(1e-10);
    expect(() => normalPdf(0, 0, 0)).toThrow(ValidationError);
  });
});

describe('erfcx and the fast erfc variants', () => {
  it('erfcx = exp(x²) erfc(x): against erfc, the asymptotic series at large x, and for x < 0', () => {
    for (let x = 0; x <= 6; x += 0.0625) expect(rel(erfcx(x), Math.exp(x * x) * erfc(x)), `x = ${x}`).toBeLessThan(1e-13);
    // A&S 7.1.23: erfcx(x) ~ (1/(x√π)) Σ (-1)^n (2n-1)!! / (2x²)^n; 8 terms at x = 20 and 30 (truncation < 2e-17)
    for (const x of [20, 30]) {
      let term = 1;
      let sum = 1;
      for (let n = 1; n < 8; n++) {
        term *= -(2 * n - 1) / (2 * x * x);
        sum += term;
      }
      expect(rel(erfcx(x), sum / (x * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    }
    expect(rel(erfcx(-1), Math.E * 1.8427007929497149)).toBeLessThan(1e-14);
    expect(erfcx(30)).toBeGreaterThan(0); // where erfc(30) underflows
  });

  it('erfcFast, erfcxFast and normalCdfFast stay within 1.2e-7 relative of the accurate functions', () => {
    let worst = 0;
    for (let x = -6; x <= 9; x += 0.001) worst = Math.max(worst, rel(erfcFast(x), erfc(x)));
    for (let x = 0; x <= 40; x += 0.005) worst = Math.max(worst, rel(erfcxFast(x), erfcx(x)));
    for (let x = -5; x < 0; x += 0.005) worst = Math.max(worst, rel(erfcxFast(x), erfcx(x)));
    for (let z = -8; z <= 8; z += 0.001) worst = Math.max(worst, rel(normalCdfFast(z), normalCdf(z)));
    expect(worst).toBeLessThan(1.2e-7);
    expect(worst).toBeGreaterThan(1e-8); // it is an approximation: the test sees its error
    expect(rel(normalCdfFast(12, 2, 2), normalCdfFast(5))).toBeLessThan(1e-15);
    expect(() => normalCdfFast(0, 0, 0)).toThrow(/sigma 0/);
  });
});

describe('chi2Survival and the incomplete gamma function', () => {
  it('matches exact forms and standard critical values', () => {
    for (const x of [0.1, 1, 2, 7.3, 40]) {
      expect(rel(chi2Survival(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-13);
      expect(rel(chi2Survival(x, 1), erfc(Math.sqrt(x / 2)))).toBeLessThan(1e-12);
    }
    // 5% critical values (e.g. PDG Review of Particle Physics, "Statistics", Fig. 40.1 / tables)
    expect(chi2Survival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chi2Survival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    expect(chi2Survival(124.34211340400407, 100)).toBeCloseTo(0.05, 11);
    expect(regularizedGammaP(3.5, 2) + regularizedGammaQ(3.5, 2)).toBeCloseTo(1, 15);
    expect(chi2Survival(0, 3)).toBe(1);
    expect(() => chi2Survival(1, 0)).toThrow(/ndof = 0/);
  });
});

describe('poissonLogPmf', () => {
  it('is normalised and exact for small k', () => {
    expect(poissonLogPmf(0, 2.5)).toBe(-2.5);
    expect(poissonLogPmf(3, 2)).toBeCloseTo(Math.log((8 * Math.exp(-2)) / 6), 14);
    let s = 0;
    for (let k = 0; k < 400; k++) s += Math.exp(poissonLogPmf(k, 150));
    expect(s).toBeCloseTo(1, 12);
    expect(poissonLogPmf(1.5, 2)).toBe(-Infinity);
    expect(poissonLogPmf(0, 0)).toBe(0);
  });
});

describe('Landau density and CDF', () => {
  /** The defining Landau (1944) integral, an independent route: (1/π) ∫ exp(-t ln t - λt) sin(πt) dt. */
  const landauIntegral = (lambda: number): number =>
    integrate((t) => (t === 0 ? 0 : Math.exp(-t * Math.log(t) - lambda * t) * Math.sin(Math.PI * t)), 0, 80, { relTol: 1e-10, absTol: 1e-15 }) / Math.PI;

  it('agrees with the defining Landau integral to 1e-8 relative (table) and has its peak 0.18066 at λ = -0.22278', () => {
    for (const l of [-2, -1, LANDAU_MPV_STANDARD, 0, 0.5, 1, 3, 7.7, 15]) expect(rel(landauPdf(l), landauIntegral(l))).toBeLessThan(1e-7);
    for (const l of [35, 80]) expect(rel(landauPdf(l), landauIntegral(l))).toBeLessThan(1e-9);
    // mode: Kölbig & Schorr (1984): λ_mp = -0.22278298, φ(λ_mp) = 0.18065563
    expect(landauPdf(LANDAU_MPV_STANDARD)).toBeCloseTo(0.18065563, 8);
    expect(landauPdf(LANDAU_MPV_STANDARD - 1e-3)).toBeLessThan(landauPdf(LANDAU_MPV_STANDARD));
    expect(landauPdf(LANDAU_MPV_STANDARD + 1e-3)).toBeLessThan(landauPdf(LANDAU_MPV_STANDARD));
    expect(landauPdf(2, 1, 0.5)).toBeCloseTo(2 * landauPdf(2), 12);
  });

  it('CDF: derivative is the density, tails behave as exp(-e^{-λ-1}) and 1 - 1/λ', () => {
    for (const l of [-1.5, 0, 2, 20]) {
      const d = 1e-4;
      expect(rel((landauCdf(l + d) - landauCdf(l - d)) / (2 * d), landauPdf(l))).toBeLessThan(1e-6);
    }
    expect(Math.abs(landauCdf(1.3557804) - 0.5)).toBeLessThan(1e-7);
    // ∫_{-12}^{λ} φ = Φ(λ): the density integrates to the CDF
    expect(Math.abs(integrate((l) => landauPdf(l), -12, 30, { relTol: 1e-10 }) - landauCdf(30))).toBeLessThan(1e-8);
    expect(rel(1 - landauCdf(1e6), 1e-6)).toBeLessThan(2e-5);
    expect(landauCdf(-13)).toBe(0);
  });
});

/**
 * Reference Landau ⊗ Gauss: the same convolution by adaptive G7–K15 over ±9σ, split at the
 * Landau's rising edge, peak and tail (the pre-quadrature implementation, ~0.3 ms a point).
 */
function langauAdaptive(x: number, mpv: number, width: number, sigma: number): number {
  const location = mpv - LANDAU_MPV_STANDARD * width;
  const f = (xp: number): number => landauPdf(xp, location, width) * normalPdf(x - xp, 0, sigma);
  const lo = x - 9 * sigma;
  const hi = x + 9 * sigma;
  const cuts = [lo, ...[-5, -3, -1, 0, 2, 10].map((k) => mpv + k * width).filter((c) => c > lo && c < hi), hi];
  let sum = 0;
  for (let i = 0; i + 1 < cuts.length; i++) sum += integrateWithError(f, cuts[i]!, cuts[i + 1]!, { relTol: 1e-11, absTol: 1e-17 / width, maxSubdivisions: 4000 }).value;
  return sum;
}

describe('langauPdf', () => {
  it('agrees with the adaptive convolution integral within 1e-8 of its maximum for sigma/width 0.02-60', () => {
    const mpv = 1.7;
    const width = 0.1;
    for (const r of [0.02, 0.3, 0.8, 1, 2.5, 7, 20, 60]) {
      const sigma = r * width;
      const xs = Float64Array.from({ length: 41 }, (_, i) => mpv - 6 * width - 6 * sigma + i * (0.9 * width + 0.4 * sigma));
      const fast = langauPdfArray(xs, mpv, width, sigma);
      const ref = Array.from(xs, (x) => langauAdaptive(x, mpv, width, sigma));
      const peak = Math.max(...ref);
      for (let i = 0; i < xs.length; i++) {
        expect(Math.abs(fast[i]! - ref[i]!) / peak, `sigma/width ${r}, x ${xs[i]}`).toBeLessThan(1e-8);
        expect(langauPdf(xs[i]!, mpv, width, sigma)).toBe(fast[i]);
      }
    }
  });

  it('tends to the Landau density as sigma → 0 and is normalised like it', () => {
    const loc = 2 - LANDAU_MPV_STANDARD * 0.3;
    for (const x of [1.5, 2, 2.7]) expect(rel(langauPdf(x, 2, 0.3, 1e-4), landauPdf(x, loc, 0.3))).toBeLessThan(1e-5);
    expect(langauPdf(2.2, 2, 0.3, 0)).toBe(landauPdf(2.2, loc, 0.3));
    expect(langauPdfArray([2.2], 2, 0.3, 0)[0]).toBe(landauPdf(2.2, loc, 0.3));
    // ∫_{-30}^{100} of Landau(width 1)⊗Gauss(σ 1) = E_g[Φ(100 - g)] (the mass below -30 is 0)
    const mass = integrate((x) => langauPdf(x, 0, 1, 1), -30, 100, { relTol: 1e-8 });
    const smearedCdf = integrate((g) => normalPdf(g) * landauCdf(100 - g, -LANDAU_MPV_STANDARD), -9, 9, { relTol: 1e-10 });
    expect(Math.abs(mass - smearedCdf)).toBeLessThan(1e-7);
    expect(() => langauPdf(1, 0, 0, 1)).toThrow(/width 0/);
    expect(() => langauPdfArray([1, 2], 0, 1, -1)).toThrow(/sigma -1/);
    expect(() => langauPdfArray([1, 2], 0, 1, 1, new Float64Array(1))).toThrow(/out has 1 entries/);
  });

  it('describes sampled Landau + Gaussian deviates (chi2 per bin within 5 sigma of ndof)', () => {
    const rng = createRng('langau');
    const n = 100_000;
    const h = new Histogram1D(60, 0, 6);
    const loc = 2 - LANDAU_MPV_STANDARD * 0.3;
    for (let i = 0; i < n; i++) h.fill(landau(rng, loc, 0.3) + normal(rng, 0, 0.4));
    let chi2 = 0;
    h.centers().forEach((c, i) => {
      const expected = n * integrate((x) => langauPdf(x, 2, 0.3, 0.4), c - 0.05, c + 0.05, { relTol: 1e-8 });
      chi2 += (h.counts[i]! - expected) ** 2 / expected;
    });
    expect(chi2).toBeLessThan(60 + 5 * Math.sqrt(120));
  });
});
