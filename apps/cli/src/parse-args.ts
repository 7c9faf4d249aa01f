import { ValidationError } from '@nucal/core';

/** JSON text, or a {@link ValidationError} that names what was being read. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

/** An integer option within [min, max]. */
export function parseInteger(text: string, what: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const v = Number(text);
  if (!/^\d+$/.test(text.trim()) || v < min || v > max) {
    throw new ValidationError(`${what} "${text}" is invalid: expected an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`}`);
  }
  return v;
}

/** A finite number option, optionally checked (`expected` says what passes the check). */
export function parseNumber(text: string, what: string, check: (v: number) => boolean = () => true, expected = 'a number'): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !check(v)) throw new ValidationError(`${what} "${text}" is invalid: expected ${expected}`);
  return v;
}
