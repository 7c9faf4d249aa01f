import { ValidationError, type RandomSource } from '@nucal/core';
import { normal } from '@nucal/numeric';
import type { SpherePoints } from '@nucal/geometry';

/** Per-LPMT detection efficiency used by the response map. */
export interface PmtEfficiencies {
  /** Quantum efficiency of each LPMT, 0 for a dead one (same order as the detector's `lpmts`). */
  readonly qe: Float64Array;
  /** Indices of the dead LPMTs, ascending. */
  readonly dead: Uint32Array;
}

/** The PMT settings of a response-map configuration that {@link pmtEfficiencies} reads. */
export interface PmtEfficiencySettings {
  readonly qeMean: number;
  readonly qeRelSpread: number;
  readonly deadFraction: number;
  readonly deadSplit?: readonly [number, number] | undefined;
}

/**
 * Per-LPMT quantum efficiencies: qeMean x (1 + qeRelSpread x N(0, 1)) (clipped to [0, 1]) from
 * `rng.fork('qe')`, uniform when the spread is 0; dead LPMTs (QE 0) drawn from `rng.fork('dead')`:
 * `deadFraction` of all at random, or `deadSplit` = [n(y >= 0), n(y < 0)] on either side of the
 * calibration half-plane y = 0.
 *
 * @example pmtEfficiencies(lsDetector().lpmts, { qeMean: 0.3, qeRelSpread: 0.07, deadFraction: 0.01 }, createRng('pmts')).dead.length // 176
 */
export function pmtEfficiencies(pmts: SpherePoints, s: PmtEfficiencySettings, rng?: RandomSource): PmtEfficiencies {
  const n = pmts.count;
  const qe = new Float64Array(n).fill(s.qeMean);
  const needsRng = s.qeRelSpread > 0 || s.deadFraction > 0 || (s.deadSplit !== undefined && s.deadSplit[0] + s.deadSplit[1] > 0);
  if (needsRng && !rng) {
    throw new ValidationError(
      `response map: qeRelSpread = ${s.qeRelSpread}, deadFraction = ${s.deadFraction}, deadSplit = ${JSON.stringify(s.deadSplit ?? null)} draw per-PMT values; expected a RandomSource (buildResponseMap(config, rng)) or qeRelSpread 0 and no dead PMTs`,
    );
  }
  if (s.qeRelSpread > 0) {
    const r = rng!.fork('qe');
    for (let i = 0; i < n; i++) qe[i] = Math.min(1, Math.max(0, s.qeMean * (1 + s.qeRelSpread * normal(r))));
  }
  const dead: number[] = [];
  if (s.deadSplit) {
    const r = rng!.fork('dead');
    const plus: number[] = [];
    const minus: number[] = [];
    for (let i = 0; i < n; i++) (pmts.y[i]! >= 0 ? plus : minus).push(i);
    const [nPlus, nMinus] = s.deadSplit;
    if (nPlus > plus.length) throw new ValidationError(`deadSplit[0] = ${nPlus} dead LPMTs at y >= 0; expected at most ${plus.length}`);
    if (nMinus > minus.length) throw new ValidationError(`deadSplit[1] = ${nMinus} dead LPMTs at y < 0; expected at most ${minus.length}`);
    dead.push(...pickWithoutReplacement(plus, nPlus, r), ...pickWithoutReplacement(minus, nMinus, r));
  } else if (s.deadFraction > 0) {
    const all = Array.from({ length: n }, (_, i) => i);
    dead.push(...pickWithoutReplacement(all, Math.round(s.deadFraction * n), rng!.fork('dead')));
  }
  for (const i of dead) qe[i] = 0;
  return { qe, dead: Uint32Array.from(dead).sort() };
}

/** `k` distinct entries of `pool` (partial Fisher-Yates; `pool` is shuffled in place). */
function pickWithoutReplacement(pool: number[], k: number, rng: RandomSource): number[] {
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.uniform() * (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, k);
}
