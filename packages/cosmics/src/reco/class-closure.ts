import type { CosmicSample, ReconstructedSample } from '../cosmic-sample.js';
import { TRACK_CLASS_NAMES, type TrackClassName } from '../track-classes.js';

/** Efficiency and purity of one reconstructed class against the true class. */
export interface ClassClosure {
  /** True tracks of the class, reconstructed tracks of the class, and reconstructed tracks of the class whose muon truly is of the class. */
  readonly trueCount: number;
  readonly recoCount: number;
  readonly matched: number;
  /** matched / true (binomial error), matched / reco (binomial error). */
  readonly efficiency: number;
  readonly efficiencyError: number;
  readonly purity: number;
  readonly purityError: number;
}

/**
 * Closure code (it reads the truth): for every track class, how many true tracks of the class
 * have a reconstructed track of the class in their event (efficiency) and how many
 * reconstructed tracks of the class come from a muon of the class (purity). The simulation
 * writes one event per muon, so the event index links a reconstructed track to its muon.
 *
 * @example classClosure(reconstructCosmics(sim.hits), sim.sample).stopping.purity
 */
export function classClosure(reco: ReconstructedSample, truth: CosmicSample): Record<TrackClassName, ClassClosure> {
  const out = {} as Record<TrackClassName, ClassClosure>;
  const ev = reco.reconstruction.trackEvent;
  for (const [name, mask] of TRACK_CLASS_NAMES) {
    let trueCount = 0;
    for (let t = 0; t < truth.tracks.count; t++) if (truth.tracks.flags[t]! & mask) trueCount++;
    let recoCount = 0;
    let pure = 0;
    const found = new Set<number>();
    for (let r = 0; r < reco.tracks.count; r++) {
      if (!(reco.tracks.flags[r]! & mask)) continue;
      recoCount++;
      const e = ev[r]!;
      if (truth.tracks.flags[e]! & mask) {
        pure++;
        found.add(e);
      }
    }
    const eff = trueCount ? found.size / trueCount : 0;
    const pur = recoCount ? pure / recoCount : 0;
    out[name] = {
      trueCount,
      recoCount,
      matched: found.size,
      efficiency: eff,
      efficiencyError: trueCount ? Math.sqrt((eff * (1 - eff)) / trueCount) : 0,
      purity: pur,
      purityError: recoCount ? Math.sqrt((pur * (1 - pur)) / recoCount) : 0,
    };
  }
  return out;
}
