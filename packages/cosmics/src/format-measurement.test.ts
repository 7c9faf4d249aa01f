import { describe, expect, it } from 'vitest';
import { formatMeasurement } from './format-measurement.js';

describe('formatMeasurement', () => {
  it('prints the error to two significant digits and the value to the same decimal place', () => {
    expect(formatMeasurement(1.600123, 0.000112)).toBe('1.60012 +- 0.00011');
    expect(formatMeasurement(215.0634, 0.794)).toBe('215.06 +- 0.79');
    expect(formatMeasurement(10.98, 0.17)).toBe('10.98 +- 0.17');
    expect(formatMeasurement(1234.5, 56)).toBe('1235 +- 56');
  });
  it('keeps the value readable when the error is zero or not finite', () => {
    expect(formatMeasurement(1.6, 0)).toBe('1.60000 +- 0.0');
    expect(formatMeasurement(1.6, Number.NaN)).toBe('1.60000 +- NaN');
  });
});
