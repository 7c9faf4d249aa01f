import { sortedOrder } from './sorted-order.js';

/**
 * Connected clusters of hits in one view of one TPC: hits are neighbours when their wires
 * differ by at most `maxWireGap` (a dead wire or two in between) and their drift coordinates
 * by at most `maxDriftGapCm` (a track steep in drift moves up to the largest track pitch per
 * wire). Union-find over the hits sorted by wire.
 *
 * @param wire - wire number per point; `drift` - drift coordinate per point, cm
 * @returns cluster label per point (0..clusters-1, in order of first appearance by wire) and the number of clusters
 * @example clusterHits(Int32Array.of(1, 2, 9), Float64Array.of(0, 0.5, 0), 3, 12) // labels [0, 0, 1]
 */
export function clusterHits(wire: Int32Array, drift: Float64Array, maxWireGap: number, maxDriftGapCm: number): { label: Int32Array; clusters: number } {
  const n = wire.length;
  // By wire (the drift order within a wire does not change the clusters).
  const order = sortedOrder(wire, n, 1, 0);
  const parent = new Int32Array(n);
  for (let k = 0; k < n; k++) parent[k] = k;
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  for (let a = 0; a < n; a++) {
    const i = order[a]!;
    const wi = wire[i]!;
    for (let b = a + 1; b < n; b++) {
      const j = order[b]!;
      if (wire[j]! - wi > maxWireGap) break;
      if (Math.abs(drift[j]! - drift[i]!) <= maxDriftGapCm) {
        const ri = find(i);
        const rj = find(j);
        if (ri !== rj) parent[rj] = ri;
      }
    }
  }
  const label = new Int32Array(n).fill(-1);
  const rootLabel = new Map<number, number>();
  for (let a = 0; a < n; a++) {
    const i = order[a]!;
    const r = find(i);
    let l = rootLabel.get(r);
    if (l === undefined) {
      l = rootLabel.size;
      rootLabel.set(r, l);
    }
    label[i] = l;
  }
  return { label, clusters: rootLabel.size };
}
