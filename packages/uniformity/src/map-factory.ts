import type { RandomSource } from '@nucal/core';
import { buildResponseMap } from '@nucal/optics';
import { fastResponseTable } from './fast-map.js';
import type { ResponseMapLike } from './response-map.js';
import type { ResponseOverrides } from './scenarios.js';

/** Builds the true response map of a detector variant (rng for its random PMT draws). */
export type MapFactory = (overrides: ResponseOverrides, rng: RandomSource) => ResponseMapLike;


/**
 * The truth map from @nucal/optics' `buildResponseMap`, with the scenario's settings on top
 * of the optics defaults except the QE spread, 0 unless a scenario sets it (the ladder adds
 * it at `qe-variation`), resampled into a {@link fastResponseTable} for the event loops. Maps
 * are cached by seed and settings within a process (a build takes about a minute).
 */
export const opticsMapFactory: MapFactory = (overrides, rng) => {
  const key = JSON.stringify(overrides);
  const hit = cache.get(`${rng.seed}|${key}`);
  if (hit) return hit;
  const { deadSplit, ...rest } = overrides;
  const built = buildResponseMap({ qeRelSpread: 0, ...rest, ...(deadSplit ? { deadSplit: [deadSplit[0], deadSplit[1]] as [number, number] } : {}) }, rng.fork(`response-map/${key}`));
  const map = fastResponseTable(built);
  cache.set(`${rng.seed}|${key}`, map);
  return map;
};
const cache = new Map<string, ResponseMapLike>();
