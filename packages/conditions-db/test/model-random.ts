import seedrandom from 'seedrandom';

/**
 * The one source of randomness of a model-based sequence: everything the generator picks
 * comes from here, so a seed replays the same operations (given the same answers).
 */
export class Random {
  private readonly rng: seedrandom.PRNG;

  constructor(readonly seed: string) {
    this.rng = seedrandom(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.rng();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.rng() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.rng() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[this.int(xs.length)]!;
  }

  /** Uniform in [0, 2^63): any valid 64-bit key of either time type. */
  bigint63(): bigint {
    const hi = BigInt(this.rng.int32() >>> 0) & 0x7fff_ffffn;
    const lo = BigInt(this.rng.int32() >>> 0);
    return (hi << 32n) | lo;
  }

  /** A key picked by name from weighted choices (weights need not sum to 1). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.rng() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }
}
