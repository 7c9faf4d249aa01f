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
  /**
   * An independent, reproducible sub-stream for one labelled part of a job (a toy, a plot, a
   * worker). It does not consume this stream, so `fork('toy-3')` is the same whenever it is
   * called: the only way a package derives a stream, never from seed strings by hand.
   */
  fork(label: string): RandomSource;
}
