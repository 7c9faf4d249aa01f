import type { GammaPoint, NonlinChi2 } from './chi2.js';
import type { ElectronGrid } from './electron-grid.js';
import type { NonlinParams } from './model.js';

const P1_GRID = [0, 0.03, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2];
const P2_GRID = [0.2, 0.4, 0.7, 1, 1.5, 2, 3, 5, 8];

/**
 * Starting point of the non-linearity fit. For fixed (p1, p2) the gamma predictions are
 * linear in (p0, p3), so a weighted linear least squares on the gamma peaks gives them
 * exactly; a coarse (p1, p2) grid is scanned and the point of lowest full chi2 returned.
 * This keeps the minimiser away from the flat far side of the exponential.
 *
 * @example
 * const start = startValues(grid, gammaPoints, chi2);
 */
export function startValues(grid: ElectronGrid, gammas: readonly GammaPoint[], chi2: NonlinChi2): NonlinParams {
  let best: NonlinParams = { p0: 1, p1: 0.1, p2: 1, p3: 0 };
  let bestChi2 = chi2.evaluate(best);
  const e = grid.centresMeV;
  for (const p1 of P1_GRID) {
    for (const p2 of P2_GRID) {
      // normal equations of M_i = p0 A_i + p3 B_i
      let saa = 0;
      let sab = 0;
      let sbb = 0;
      let sam = 0;
      let sbm = 0;
      for (const gp of gammas) {
        const w = gp.kernel.weights;
        let a = 0;
        let b = 0;
        for (let k = 0; k < w.length; k++) {
          const q = w[k]! / (1 + p1 * Math.exp(-p2 * e[k]!));
          a += q * e[k]!;
          b += q;
        }
        const iv = 1 / (gp.errorMeV * gp.errorMeV);
        saa += a * a * iv;
        sab += a * b * iv;
        sbb += b * b * iv;
        sam += a * gp.measuredMeV * iv;
        sbm += b * gp.measuredMeV * iv;
      }
      const det = saa * sbb - sab * sab;
      const cand: NonlinParams =
        gammas.length >= 2 && Math.abs(det) > 1e-300 * saa * sbb
          ? { p0: (sam * sbb - sbm * sab) / det, p1, p2, p3: (saa * sbm - sab * sam) / det }
          : { p0: gammas.length ? sam / saa : 1, p1, p2, p3: 0 };
      const c = chi2.evaluate(cand);
      if (c < bestChi2) {
        bestChi2 = c;
        best = cand;
      }
    }
  }
  return best;
}
