import { getSource } from '@nucal/sources';
import type { ElectronGrid } from './electron-grid.js';
import { gammaKernel, type GammaKernel } from './gamma-prediction.js';
import { cachedSecondaryDensity, type SecondariesOptions } from './secondaries.js';

const cache = new WeakMap<ElectronGrid, Map<string, GammaKernel>>();

/**
 * The fit kernel of a catalogue source (`@nucal/sources` ids: Cs-137, Mn-54, Co-60, K-40,
 * Ge-68, AmBe, AmC, nH, nC12): every channel's gammas with their P(E_e), weighted by the
 * channel probability. Cached per grid and options.
 *
 * @example
 * const k = sourceKernel('Co-60', grid, SecondariesOptions.parse({}));
 */
export function sourceKernel(id: string, grid: ElectronGrid, secondaries: SecondariesOptions): GammaKernel {
  let m = cache.get(grid);
  if (m === undefined) {
    m = new Map();
    cache.set(grid, m);
  }
  const key = `${id}|${secondaries.events}|${secondaries.seed}|${secondaries.binWidthMeV}`;
  let k = m.get(key);
  if (k === undefined) {
    const source = getSource(id);
    k = gammaKernel(
      source.id,
      source.channels.map((c) => ({
        fraction: c.probability,
        lines: c.gammasMeV.map((e) => ({ energyMeV: e, secondaries: cachedSecondaryDensity(e, secondaries) })),
      })),
      grid,
    );
    m.set(key, k);
  }
  return k;
}
