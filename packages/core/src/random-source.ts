/**
 * The one randomness contract: a seeded stream of uniform numbers in [0, 1). Samplers
 * (normal, Poisson, ...) live in `@nucal/numeric` as functions of a RandomSource, so the
 * same seed always gives the same result.
 */
export interface RandomSource {
  /** The seed this stream was started from, recorded in provenance. */
  readonly seed: string;
  /** Next uniform deviate in [0, 1). */
  uniform(): number;
}
