import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { duneFdSpModule, type LArTpcModule } from '@nucal/geometry';
import { normal } from '@nucal/numeric';
import type { AnodeCrosserSample } from './t0-anode-crossers.js';
import type { CathodeCrosserSample } from './vd-cathode-crossers.js';

/** Configuration of the minimal crosser toys (the full cosmic simulation lives in @nucal/cosmics). */
export interface CrosserToyConfig {
  /** Default: {@link duneFdSpModule}(). */
  readonly module?: LArTpcModule;
  /** True TPC time-zero offsets per TPC id, us (default 0 everywhere). */
  readonly t0OffsetsUs?: readonly number[];
  /** True average drift velocity per TPC id, mm/us (default 1.6 everywhere). */
  readonly vdMmPerUs?: readonly number[];
  /** Drift velocity the reconstruction assumes, mm/us (default 1.6). */
  readonly vdAssumedMmPerUs?: number;
  /** Anode-touching segments (or cathode-crossing segments) per TPC (default 200). */
  readonly segmentsPerTpc?: number;
  /** Gaussian resolution of an extreme hit time, trigger jitter included, us (default 1). */
  readonly timeResolutionUs?: number;
  /** Fraction of segments with a wrong extreme hit (delta ray, missed hit) (default 0.02). */
  readonly outlierFraction?: number;
  /** Outliers are shifted uniformly within +-this, us (default 50). */
  readonly outlierSpreadUs?: number;
}

/** Truth of a crosser toy. */
export interface CrosserToyTruth {
  readonly t0OffsetsUs: readonly number[];
  readonly vdMmPerUs: readonly number[];
}

interface Resolved {
  module: LArTpcModule;
  t0: number[];
  vd: number[];
  vdAssumed: number;
  n: number;
  sigma: number;
  fOut: number;
  spread: number;
}

function resolve(config: CrosserToyConfig): Resolved {
  const module = config.module ?? duneFdSpModule();
  const nt = module.tpcs.length;
  const t0 = [...(config.t0OffsetsUs ?? new Array<number>(nt).fill(0))];
  const vd = [...(config.vdMmPerUs ?? new Array<number>(nt).fill(1.6))];
  if (t0.length !== nt || vd.length !== nt) {
    throw new ValidationError(`crosser toy: ${t0.length} t0 offsets and ${vd.length} drift velocities for ${nt} TPCs: expected one per TPC`);
  }
  const n = config.segmentsPerTpc ?? 200;
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`segmentsPerTpc ${n}: expected a positive integer`);
  return {
    module,
    t0,
    vd,
    vdAssumed: config.vdAssumedMmPerUs ?? 1.6,
    n,
    sigma: config.timeResolutionUs ?? 1,
    fOut: config.outlierFraction ?? 0.02,
    spread: config.outlierSpreadUs ?? 50,
  };
}

function jitter(rng: RandomSource, r: Resolved): number {
  const dt = normal(rng, 0, r.sigma);
  return rng.uniform() < r.fOut ? dt + r.spread * (2 * rng.uniform() - 1) : dt;
}

/**
 * Toy anode crossers: two-sided tracks through every inner APA and one-sided tracks through
 * the outer APAs, `segmentsPerTpc` per TPC. The earliest hit's true drift time is 0, so its
 * apparent distance is vdAssumed x (t0Offset + jitter).
 *
 * @example
 * const { input, truth } = simulateAnodeCrossers({ t0OffsetsUs: [3, -2, 5, 0] }, createRng(1));
 */
export function simulateAnodeCrossers(
  config: CrosserToyConfig,
  rng: RandomSource,
): { input: AnodeCrosserSample; truth: CrosserToyTruth } {
  const r = resolve(config);
  const cmPerUs = r.vdAssumed / 10;
  const tracks: AnodeCrosserSample['tracks'] = [];
  const seg = (tpc: number) => ({ tpc, earliestDriftCm: cmPerUs * (r.t0[tpc]! + jitter(rng, r)) });
  for (const plane of r.module.planes) {
    if (plane.kind !== 'APA') continue;
    for (let i = 0; i < r.n; i++) tracks.push({ segments: plane.tpcs.map(seg) });
  }
  return { input: { vdAssumedMmPerUs: r.vdAssumed, tracks }, truth: { t0OffsetsUs: r.t0, vdMmPerUs: r.vd } };
}

/**
 * Toy cathode crossers: `segmentsPerTpc` segments per TPC whose latest hit arrives at
 * t0Offset + L / vd + jitter after the trigger.
 *
 * @example
 * const { input, truth } = simulateCathodeCrossers({ vdMmPerUs: [1.60, 1.61, 1.59, 1.60] }, createRng(2));
 */
export function simulateCathodeCrossers(
  config: CrosserToyConfig,
  rng: RandomSource,
): { input: CathodeCrosserSample; truth: CrosserToyTruth } {
  const r = resolve(config);
  const segments: CathodeCrosserSample['segments'] = [];
  for (const tpc of r.module.tpcs) {
    const full = (10 * tpc.driftLengthCm) / r.vd[tpc.id]!;
    for (let i = 0; i < r.n; i++) segments.push({ tpc: tpc.id, latestHitTimeUs: r.t0[tpc.id]! + full + jitter(rng, r) });
  }
  return { input: { segments }, truth: { t0OffsetsUs: r.t0, vdMmPerUs: r.vd } };
}
