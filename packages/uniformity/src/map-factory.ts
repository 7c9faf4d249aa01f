import type { RandomSource } from '@nucal/core';
import * as optics from '@nucal/optics';
import type { ResponseMapLike } from './response-map.js';
import type { ResponseOverrides } from './scenarios.js';

/** Builds the true response map of a detector variant (rng for its random PMT draws). */
export type MapFactory = (overrides: ResponseOverrides, rng: RandomSource) => ResponseMapLike;

type Builder = (config: Record<string, unknown>, rng?: RandomSource) => ResponseMapLike;

/**
 * The truth map from @nucal/optics' `buildResponseMap`, with the scenario's settings on top
 * of the optics defaults except the QE spread, 0 unless a scenario sets it (the ladder adds
 * it at `qe-variation`). Maps are cached by settings within a process (they take seconds).
 */
export const opticsMapFactory: MapFactory = (overrides, rng) => {
  const key = JSON.stringify(overrides);
  const hit = cache.get(`${rng.seed}|${key}`);
  if (hit) return hit;
  const build = (optics as unknown as { buildResponseMap?: Builder }).buildResponseMap;
  if (!build) throw new Error('@nucal/optics has no buildResponseMap yet: pass a mapFactory');
  const map = build({ qeRelSpread: 0, ...overrides }, rng.fork(`response-map/${key}`));
  cache.set(`${rng.seed}|${key}`, map);
  return map;
};
const cache = new Map<string, ResponseMapLike>();
