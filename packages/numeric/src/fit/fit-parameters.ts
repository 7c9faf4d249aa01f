import { ValidationError } from '@nucal/core';
import { limitsOf, toExternal, type Limits } from './parameter-transform.js';

/** One fit parameter: its name, start value, optional step, limits and fixed flag. */
export interface ParameterSpec<P extends string> {
  /** Name, used as the key of `values`, `errors` and the function's argument. */
  name: P;
  /** Start value (inside the limits). */
  start: number;
  /** Initial step, about the expected error (default 10% of |start|, or 0.1 when start is 0). */
  step?: number;
  /** Allowed range [lo, hi]; either side may be ±Infinity for a one-sided limit. */
  limits?: readonly [number, number];
  /** Keep this parameter at its start value. */
  fixed?: boolean;
}

/** A validated {@link ParameterSpec}: default step filled in, limits classified. */
export interface NormalizedSpec<P extends string> {
  name: P;
  start: number;
  step: number;
  limits: Limits;
  fixed: boolean;
}

/** Checks one spec (names unique, start finite and inside its limits, step > 0). */
export function validateSpec<P extends string>(p: ParameterSpec<P>, names: readonly P[]): NormalizedSpec<P> {
  if (names.indexOf(p.name) !== names.lastIndexOf(p.name)) throw new ValidationError(`minimize: parameter name '${p.name}' appears twice`);
  if (!Number.isFinite(p.start)) throw new ValidationError(`minimize: parameter '${p.name}' start ${p.start}; expected a finite number`);
  const step = p.step ?? (p.start !== 0 ? 0.1 * Math.abs(p.start) : 0.1);
  if (!(step > 0) || !Number.isFinite(step)) throw new ValidationError(`minimize: parameter '${p.name}' step ${p.step}; expected a finite number > 0`);
  const limits = limitsOf(p.limits);
  if (p.limits) {
    const [lo, hi] = p.limits;
    if (!(lo < hi)) throw new ValidationError(`minimize: parameter '${p.name}' limits [${lo}, ${hi}]; expected lo < hi`);
    if (!p.fixed && (p.start < lo || p.start > hi)) {
      throw new ValidationError(`minimize: parameter '${p.name}' start ${p.start} outside its limits [${lo}, ${hi}]`);
    }
  }
  return { name: p.name, start: p.start, step, limits, fixed: p.fixed ?? false };
}

/** Indices of free parameters within 1e-3 of their range from a limit. */
export function limitedAtLimit<P extends string>(free: readonly NormalizedSpec<P>[], x: Float64Array): number[] {
  const out: number[] = [];
  free.forEach((s, k) => {
    if (s.limits.kind === 'none') return;
    const ext = toExternal(s.limits, x[k] as number);
    const { lo, hi } = s.limits;
    const scale = s.limits.kind === 'both' ? hi - lo : Math.max(1, Math.abs(s.limits.kind === 'lower' ? lo : hi));
    if (Math.min(ext - lo, hi - ext) < 1e-3 * scale) out.push(k);
  });
  return out;
}
