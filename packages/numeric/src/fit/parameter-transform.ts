/**
 * MINUIT's transformation between a parameter's external value (what the user sees, inside
 * its limits) and the unbounded internal value the minimiser moves (F. James, MINUIT
 * Reference Manual, CERN Program Library D506, sect. 1.2.1 "Parameter limits"):
 *   two limits a < b:  ext = a + (b - a)/2 (sin(int) + 1)
 *   lower limit a:     ext = a - 1 + sqrt(int^2 + 1)
 *   upper limit b:     ext = b + 1 - sqrt(int^2 + 1)
 * The transformation is non-linear, so errors of parameters near a limit are only indicative.
 */
export type LimitKind = 'none' | 'both' | 'lower' | 'upper';

/** One parameter's limits as the transform needs them. */
export interface Limits {
  readonly kind: LimitKind;
  readonly lo: number;
  readonly hi: number;
}

/** Limits from a spec's optional `[lo, hi]` (either side may be infinite). */
export function limitsOf(limits: readonly [number, number] | undefined): Limits {
  if (!limits) return { kind: 'none', lo: -Infinity, hi: Infinity };
  const [lo, hi] = limits;
  const hasLo = Number.isFinite(lo);
  const hasHi = Number.isFinite(hi);
  const kind: LimitKind = hasLo && hasHi ? 'both' : hasLo ? 'lower' : hasHi ? 'upper' : 'none';
  return { kind, lo, hi };
}

/** External value of an internal one. */
export function toExternal(l: Limits, int: number): number {
  switch (l.kind) {
    case 'none':
      return int;
    case 'both':
      return l.lo + ((l.hi - l.lo) / 2) * (Math.sin(int) + 1);
    case 'lower':
      return l.lo - 1 + Math.sqrt(int * int + 1);
    case 'upper':
      return l.hi + 1 - Math.sqrt(int * int + 1);
  }
}

/** Internal value of an external one (which must lie within the limits). */
export function toInternal(l: Limits, ext: number): number {
  switch (l.kind) {
    case 'none':
      return ext;
    case 'both': {
      const s = (2 * (ext - l.lo)) / (l.hi - l.lo) - 1;
      return Math.asin(Math.min(1, Math.max(-1, s)));
    }
    case 'lower': {
      const t = ext - l.lo + 1;
      return Math.sqrt(Math.max(0, t * t - 1));
    }
    case 'upper': {
      const t = l.hi - ext + 1;
      return Math.sqrt(Math.max(0, t * t - 1));
    }
  }
}

/** d(external)/d(internal), the Jacobian used to carry the covariance outside. */
export function externalDerivative(l: Limits, int: number): number {
  switch (l.kind) {
    case 'none':
      return 1;
    case 'both':
      return ((l.hi - l.lo) / 2) * Math.cos(int);
    case 'lower':
      return int / Math.sqrt(int * int + 1);
    case 'upper':
      return -int / Math.sqrt(int * int + 1);
  }
}
