import type { RandomSource } from '@nucal/core';
import { Hist1D, regularAxis } from '@nucal/numeric';
import type { B12Data, GammaPoint } from './chi2.js';
import { vertexRadiusFraction } from './b12-residual-map.js';
import { effectMagnitudeAt, type SystematicEffect } from './systematics.js';

/** Equal-volume shells the histogram form averages the vertex residual over. */
const SHELLS = 32;

/**
 * The B-12 histogram of a mock: every correlated effect with a `b12` mode moves the B-12
 * visible energies with the z the mock drew for it (`drawSystematics`), E' = E (1 + delta),
 * delta = sum_e z_e m_e(E) (x s(rho) for `vertex` effects, s the residual map at the vertex
 * radius fraction rho). With the events' visible energies (`b12.eventsMeV`, the whole
 * preselection, so events cross the window's edges both ways) each event gets a vertex uniform
 * in the fiducial sphere from `rng` and is refilled into the fit binning. With a histogram only,
 * each bin's content is spread over 32 equal-volume shells and moved by overlap, a bin's
 * content taken uniform within it and the spectrum continued flat beyond the window's edges.
 * Without such an effect the measured counts are returned.
 *
 * @example
 * const { gammas, z } = drawSystematics(points, set.effects, rng);
 * const counts = shiftedB12Counts(b12, points, set.effects, z, residualMapFunction({ kind: 'power', power: 3 }), rng.fork('b12-vertex'));
 */
export function shiftedB12Counts(
  b12: B12Data,
  gammas: readonly GammaPoint[],
  effects: readonly SystematicEffect[],
  z: readonly number[],
  residualMap: (rho: number) => number,
  rng: RandomSource,
): Float64Array {
  const acting = effects.flatMap((e, k) => (e.b12 && Number.isFinite(z[k]!) ? [{ z: z[k]!, vertex: e.b12 === 'vertex', at: effectMagnitudeAt(e, gammas) }] : []));
  if (acting.length === 0) return Float64Array.from(b12.counts);
  const hasVertex = acting.some((a) => a.vertex);
  const delta = (e: number, s: number): number => {
    let d = 0;
    for (const a of acting) d += a.z * a.at(e) * (a.vertex ? s : 1);
    return d;
  };
  const { binning } = b12.folder;
  if (b12.eventsMeV) {
    const h = new Hist1D(regularAxis(binning.bins, binning.loMeV, binning.hiMeV));
    const ev = b12.eventsMeV;
    const shifted = new Float64Array(ev.length);
    for (let i = 0; i < ev.length; i++) {
      const s = hasVertex ? residualMap(vertexRadiusFraction(rng.uniform())) : 1;
      shifted[i] = ev[i]! * (1 + delta(ev[i]!, s));
    }
    h.fillArray(shifted);
    return h.values();
  }
  return shiftHistogram(b12.counts, binning.loMeV, binning.hiMeV, hasVertex ? SHELLS : 1, (e, k) =>
    delta(e, hasVertex ? residualMap(vertexRadiusFraction((k + 0.5) / SHELLS)) : 1),
  );
}

/** Moves a uniform histogram's contents by E -> E (1 + delta(E, shell)), averaged over `shells`, by overlap. */
function shiftHistogram(counts: ArrayLike<number>, lo: number, hi: number, shells: number, delta: (e: number, shell: number) => number): Float64Array {
  const n = counts.length;
  const w = (hi - lo) / n;
  const out = new Float64Array(n);
  // two flat bins beyond each edge: a shift of up to two bins brings their content in
  const content = (j: number): number => counts[Math.min(n - 1, Math.max(0, j))]!;
  for (let k = 0; k < shells; k++) {
    for (let j = -2; j < n + 2; j++) {
      const e0 = lo + j * w;
      const e1 = e0 + w;
      const a = e0 * (1 + delta(e0, k));
      const b = e1 * (1 + delta(e1, k));
      const c = content(j) / shells;
      if (!(b > a) || c === 0) continue;
      const first = Math.max(0, Math.floor((a - lo) / w));
      const last = Math.min(n - 1, Math.floor((b - lo) / w));
      for (let m = first; m <= last; m++) {
        const overlap = Math.min(b, lo + (m + 1) * w) - Math.max(a, lo + m * w);
        if (overlap > 0) out[m]! += (c * overlap) / (b - a);
      }
    }
  }
  return out;
}
