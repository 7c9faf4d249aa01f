import { Hist1D, integerAxis } from '@nucal/numeric';
import type { CosmicSample } from './cosmic-sample.js';
import { TRACK_CLASS_NAMES, type TrackClassName } from './track-classes.js';

/** Tracks per class per day with the Poisson error, and the total of tracks in the active volume. */
export type ClassRates = Record<TrackClassName | 'all', { readonly count: number; readonly perDay: number; readonly errorPerDay: number }>;

/**
 * Counts the tracks of each class in a sample and turns them into rates per day: a histogram
 * over the classes (bin 0 all tracks, then {@link TRACK_CLASS_NAMES} in order) that every track
 * fills once for 'all' and once for each class it belongs to (classes overlap); the error is
 * the Poisson sqrt(N).
 *
 * @example classRates(sample).stopping.perDay // ~ 47 for the DUNE FD module at 4.3 km.w.e.
 */
export function classRates(sample: CosmicSample): ClassRates {
  const { flags, count } = sample.tracks;
  const names: readonly (TrackClassName | 'all')[] = ['all', ...TRACK_CLASS_NAMES.map(([name]) => name)];
  const memberships: number[] = [];
  for (let i = 0; i < count; i++) {
    memberships.push(0);
    TRACK_CLASS_NAMES.forEach(([, mask], k) => {
      if (flags[i]! & mask) memberships.push(k + 1);
    });
  }
  const h = new Hist1D(integerAxis(0, names.length, { label: 'track class' }));
  h.fillArray(memberships);
  const counts = h.values();
  const variances = h.variances();
  const out = {} as Record<TrackClassName | 'all', { count: number; perDay: number; errorPerDay: number }>;
  names.forEach((name, k) => {
    out[name] = { count: counts[k]!, perDay: counts[k]! / sample.days, errorPerDay: Math.sqrt(variances[k]!) / sample.days };
  });
  return out;
}
