/**
 * "value +- error" with the error to `errorDigits` significant digits (default 2) and the value
 * to the same decimal place, so a small error never prints as zero (a drift velocity of
 * 1.6 mm/us known to 1e-4 prints as "1.60012 +- 0.00011", not "1.60012 +- 0.00000").
 * A zero or non-finite error prints the value to 6 significant digits.
 *
 * @example formatMeasurement(1.600123, 0.000112) // '1.60012 +- 0.00011'
 */
export function formatMeasurement(value: number, error: number, errorDigits = 2): string {
  if (!(error > 0) || !Number.isFinite(error) || !Number.isFinite(value)) return `${value.toPrecision(6)} +- ${error.toPrecision(errorDigits)}`;
  const decimals = Math.max(0, errorDigits - 1 - Math.floor(Math.log10(error)));
  if (decimals > 20) return `${value.toPrecision(6)} +- ${error.toPrecision(errorDigits)}`;
  return `${value.toFixed(decimals)} +- ${error.toFixed(decimals)}`;
}
