import { describe, expect, it } from 'vitest';
import { erfc, normalCdf } from './normal-cdf.js';

describe('erfc / normalCdf', () => {
  it('matches tabulated values (Abramowitz and Stegun, table 7.1 and 26.1)', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(0.5)).toBeCloseTo(0.4795001222, 7);
    expect(erfc(1)).toBeCloseTo(0.1572992071, 7);
    expect(Math.abs(erfc(3) / 2.209049700e-5 - 1)).toBeLessThan(2e-7);
    expect(erfc(-1)).toBeCloseTo(1.8427007929, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 7);
    expect(Math.abs(normalCdf(-5) / 2.866515719e-7 - 1)).toBeLessThan(2e-7);
  });
});
