import { FitError } from '@nucal/core';
import type { LifetimeEntry, LifetimePayload } from '@nucal/tpc-drift';

/** Lifetime at a point of a TPC, with the payload entry that carries its error. */
export interface LifetimeLookup {
  /** Lifetime at height `yCm` in TPC `tpc`, ms. */
  lifetimeMs(tpc: number, yCm: number): number;
  /** The whole-TPC entry (or the TPC's first entry when there is no whole-TPC one). */
  entry(tpc: number): LifetimeEntry;
}

/**
 * Lifetime at a hit's height from a `dune.lifetime` payload: linear interpolation between the
 * height-slice centres (so a linear height dependence is corrected exactly), extrapolated
 * along the end segment beyond the outer centres, or the whole-TPC value when the TPC has
 * fewer than two slices.
 *
 * @throws FitError when the payload has no entry for a TPC that is asked for
 * @example lifetimeLookup(payload).lifetimeMs(2, 150) // ms
 */
export function lifetimeLookup(payload: LifetimePayload): LifetimeLookup {
  const slices = new Map<number, { y: number; tau: number }[]>();
  const whole = new Map<number, LifetimeEntry>();
  for (const e of payload.entries) {
    if (e.yMinCm !== undefined && e.yMaxCm !== undefined) {
      const list = slices.get(e.tpc) ?? [];
      list.push({ y: (e.yMinCm + e.yMaxCm) / 2, tau: e.lifetimeMs });
      slices.set(e.tpc, list);
    } else if (!whole.has(e.tpc)) {
      whole.set(e.tpc, e);
    }
  }
  for (const list of slices.values()) list.sort((a, b) => a.y - b.y);
  const entry = (tpc: number): LifetimeEntry => {
    const e = whole.get(tpc) ?? payload.entries.find((x) => x.tpc === tpc);
    if (e === undefined) throw new FitError(`no lifetime for TPC ${tpc}: expected a dune.lifetime entry`);
    return e;
  };
  return {
    entry,
    lifetimeMs(tpc, yCm) {
      const s = slices.get(tpc);
      if (s && s.length >= 2) {
        let i = 0;
        while (i < s.length - 2 && yCm > s[i + 1]!.y) i++;
        const a = s[i]!;
        const b = s[i + 1]!;
        return Math.max(1e-3, a.tau + ((yCm - a.y) * (b.tau - a.tau)) / (b.y - a.y));
      }
      return entry(tpc).lifetimeMs;
    },
  };
}
