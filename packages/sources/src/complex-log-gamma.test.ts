import { describe, expect, it } from 'vitest';
import { logAbsGammaSquared } from './complex-log-gamma.js';

// Reference identities: Abramowitz & Stegun, Handbook of Mathematical Functions (1964),
// 6.1.29-6.1.31: |Gamma(i y)|^2 = pi / (y sinh pi y), |Gamma(1/2 + i y)|^2 = pi / cosh(pi y),
// |Gamma(1 + i y)|^2 = pi y / sinh(pi y).
describe('ln |Gamma(x + i y)|^2', () => {
  it('matches |Gamma(1 + iy)|^2 = pi y / sinh(pi y) to 1e-12 relative', () => {
    for (const y of [0.01, 0.3, 1, 2.5, 7]) {
      expect(logAbsGammaSquared(1, y)).toBeCloseTo(Math.log((Math.PI * y) / Math.sinh(Math.PI * y)), 11);
    }
  });

  it('matches |Gamma(1/2 + iy)|^2 = pi / cosh(pi y)', () => {
    for (const y of [0, 0.5, 3]) expect(logAbsGammaSquared(0.5, y)).toBeCloseTo(Math.log(Math.PI / Math.cosh(Math.PI * y)), 11);
  });

  it('reduces to ln Gamma(n)^2 = 2 ln (n-1)! on the real axis', () => {
    expect(logAbsGammaSquared(5, 0)).toBeCloseTo(2 * Math.log(24), 12);
    expect(logAbsGammaSquared(3, 0)).toBeCloseTo(2 * Math.log(2), 12);
  });

  it('stays finite for the large |y| of very slow electrons (no overflow)', () => {
    const y = 700;
    // asymptotically ln|Gamma(1 + iy)|^2 -> ln(2 pi y) - pi y
    expect(logAbsGammaSquared(1, y)).toBeCloseTo(Math.log(2 * Math.PI * y) - Math.PI * y, 8);
  });
});
