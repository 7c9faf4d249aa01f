import type { CosmicSample } from './cosmic-sample.js';
import { TRACK_CLASS_NAMES, type TrackClassName } from './track-classes.js';

/** Tracks per class per day with the Poisson error, and the total of tracks in the active volume. */
export type ClassRates = Record<TrackClassName | 'all', { readonly count: number; readonly perDay: number; readonly errorPerDay: number }>;

/**
 * Counts the tracks of each class in a sample and turns them into rates per day.
 *
 * @example classRates(sample).stopping.perDay // ~ 47 for the DUNE FD module at 4.3 km.w.e.
 */
export function classRates(sample: CosmicSample): ClassRates {
  const { flags, count } = sample.tracks;
  const out = {} as Record<string, { count: number; perDay: number; errorPerDay: number }>;
  const put = (name: string, c: number): void => {
    out[name] = { count: c, perDay: c / sample.days, errorPerDay: Math.sqrt(c) / sample.days };
  };
  put('all', count);
  for (const [name, mask] of TRACK_CLASS_NAMES) {
    let c = 0;
    for (let i = 0; i < count; i++) if (flags[i]! & mask) c++;
    put(name, c);
  }
  return out as ClassRates;
}
