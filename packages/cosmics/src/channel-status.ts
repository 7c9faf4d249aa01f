import type { RandomSource } from '@nucal/core';
import { normal } from '@nucal/numeric';
import type { ReadoutView } from './hit-collection.js';

/** Channel states of the simulated readout. */
export const ChannelState = Object.freeze({ OK: 0, DEAD: 1, NOISY: 2 });

/** Per TPC and view: the state of every wire and its gain relative to the TPC's gain. */
export interface ChannelStatus {
  /** state[tpc * views + view][wire], {@link ChannelState}. */
  readonly state: readonly Uint8Array[];
  /** Relative gain per wire (null: all 1). */
  readonly gain: readonly (Float32Array | null)[];
  /** Noisy channels as (tpc, view, wire) triples, for drawing noise hits. */
  readonly noisy: { readonly tpc: Uint8Array; readonly view: Uint8Array; readonly wire: Int32Array };
}

/**
 * Draws which channels are dead or noisy and each channel's relative gain (normal with the
 * given relative spread, floored at 0.1), from its own stream so the rest of the simulation
 * does not shift when the fractions change.
 *
 * @example channelStatus(4, views, { dead: 0.01, noisy: 0.005, gainSpread: 0 }, rng.fork('channels'))
 */
export function channelStatus(
  nTpc: number,
  views: readonly ReadoutView[],
  o: { dead: number; noisy: number; gainSpread: number },
  rng: RandomSource,
): ChannelStatus {
  const state: Uint8Array[] = [];
  const gain: (Float32Array | null)[] = [];
  const nt: number[] = [];
  const nv: number[] = [];
  const nw: number[] = [];
  for (let t = 0; t < nTpc; t++) {
    for (let v = 0; v < views.length; v++) {
      const n = views[v]!.wires;
      const s = new Uint8Array(n);
      for (let w = 0; w < n; w++) {
        const u = rng.uniform();
        if (u < o.dead) s[w] = ChannelState.DEAD;
        else if (u < o.dead + o.noisy) {
          s[w] = ChannelState.NOISY;
          nt.push(t);
          nv.push(v);
          nw.push(w);
        }
      }
      state.push(s);
      if (o.gainSpread > 0) {
        const g = new Float32Array(n);
        for (let w = 0; w < n; w++) g[w] = Math.max(0.1, normal(rng, 1, o.gainSpread));
        gain.push(g);
      } else gain.push(null);
    }
  }
  return { state, gain, noisy: { tpc: Uint8Array.from(nt), view: Uint8Array.from(nv), wire: Int32Array.from(nw) } };
}
