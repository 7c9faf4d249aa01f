import type { StorageKind } from './storage.js';

/** Options of a histogram: its storage (default `double`). */
export interface HistogramOptions<S extends StorageKind> {
  readonly storage?: S;
}

/** Options of the views (`values`, `variances`, `counts`, `sum`): `flow` adds the underflow and overflow bins. */
export interface FlowOption {
  readonly flow?: boolean;
}

/** Weights of an array fill: one per value, or one number for all (default 1). Weights must be finite. */
export type Weights = ArrayLike<number> | number;

/** Arguments after the coordinate(s) of a single fill: the weight, and for a `mean` profile first the sample value. */
export type FillRest<S extends StorageKind> = S extends 'mean' ? [sample: number, weight?: number] : [weight?: number];

/** Arguments after the coordinate array(s) of an array fill: weights, and for a `mean` profile first the samples. */
export type FillArrayRest<S extends StorageKind> = S extends 'mean' ? [samples: ArrayLike<number>, weights?: Weights] : [weights?: Weights];

/** Entries indexed per chunk by array fills (a reused Int32Array of this length). */
export const FILL_CHUNK = 4096;

/** The weight and sample of a single fill's rest arguments. */
export function splitFillRest(kind: StorageKind, rest: readonly (number | undefined)[]): { w: number; sample: number } {
  return kind === 'mean' ? { sample: rest[0] as number, w: rest[1] ?? 1 } : { sample: NaN, w: rest[0] ?? 1 };
}

/** The weights and samples of an array fill's rest arguments. */
export function splitFillArrayRest(
  kind: StorageKind,
  rest: readonly (ArrayLike<number> | number | undefined)[],
): { weights: Weights | undefined; samples: ArrayLike<number> | undefined } {
  if (kind === 'mean') return { samples: rest[0] as ArrayLike<number> | undefined, weights: rest[1] };
  return { samples: undefined, weights: rest[0] };
}
