import { createRng, landau, normal, truncatedMean, type Rng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { dedxShapeTest } from './dedx-shape-test.js';

/**
 * Synthetic stopping-muon hits: per track a stopping-point error (1 cm rms) and a 2% track-wide
 * gain (both make hits of one track correlated), 0.3 cm steps from 0 to 200 cm, per hit dE/dx =
 * curve(true residual range) x (1 + 0.08 Landau) x gain, recorded at the reconstructed residual range.
 */
function sample(rng: Rng, tracks: number, boost: (rr: number) => number) {
  const rr: number[] = [];
  const dedx: number[] = [];
  const track: number[] = [];
  for (let t = 0; t < tracks; t++) {
    const endError = normal(rng, 0, 1);
    const gain = 1 + normal(rng, 0, 0.02);
    for (let x = 0.15; x < 200; x += 0.3) {
      const reco = x + endError;
      if (reco < 0) continue;
      const curve = 1.7 + 15 * Math.pow(x + 0.5, -0.7);
      rr.push(reco);
      dedx.push(curve * boost(x) * gain * (1 + 0.08 * landau(rng)));
      track.push(1000 + 3 * t);
    }
  }
  return { hits: { residualRangeCm: Float64Array.from(rr), dedxMeVPerCm: Float64Array.from(dedx), track: Int32Array.from(track) } };
}

describe('dedxShapeTest', () => {
  it('same generator: chi2 about its ndof over 24 pairs, rarely "differ"; a 5% change in the last 10 cm is flagged', () => {
    const seed = 'shape-null';
    const rng = createRng(seed);
    const chi2: number[] = [];
    let differ = 0;
    let ndof = 0;
    for (let k = 0; k < 24; k++) {
      const t = dedxShapeTest(sample(rng, 60, () => 1), sample(rng, 120, () => 1), createRng(`${seed}-${k}`), { replicas: 200 });
      chi2.push(t.chi2);
      ndof = t.ndof;
      if (t.differ) differ++;
    }
    expect(ndof).toBe(11);
    const meanChi2 = chi2.reduce((a, b) => a + b, 0) / chi2.length;
    // mean of 24 chi2(11): 11 +- sqrt(22 / 24) = 11 +- 0.96; 3.5 errors either side
    expect(meanChi2, `seed ${seed}`).toBeGreaterThan(7.6);
    expect(meanChi2, `seed ${seed}`).toBeLessThan(14.4);
    expect(differ, `seed ${seed}`).toBeLessThanOrEqual(1);
    const boosted = dedxShapeTest(sample(rng, 60, (x) => (x < 10 ? 1.05 : 1)), sample(rng, 120, () => 1), createRng(`${seed}-boost`), { replicas: 200 });
    expect(boosted.differ, `seed ${seed}`).toBe(true);
    // measured with 3%: chi2 29 for 11 (p 0.002), just short of the 1e-3 threshold
    expect(boosted.ratio[2]!).toBeGreaterThan(1.02);
  });

  it('with unit weights the truncated mean is numeric truncatedMean (differential)', () => {
    const rng = createRng('shape-tm');
    const s = sample(rng, 30, () => 1);
    // one bin covering everything below 200 cm and a window of the same range: every shape is 1
    const t = dedxShapeTest(s, s, createRng('x'), { binEdgesCm: [0, 100], windowCm: [100, 200], replicas: 40 });
    const below = Array.from(s.hits.dedxMeVPerCm).filter((_, i) => s.hits.residualRangeCm[i]! < 100);
    const above = Array.from(s.hits.dedxMeVPerCm).filter((_, i) => s.hits.residualRangeCm[i]! >= 100 && s.hits.residualRangeCm[i]! < 200);
    expect(t.dataShape[0]!).toBeCloseTo(truncatedMean(below, 0.05, 0.2).mean / truncatedMean(above, 0.05, 0.2).mean, 12);
    expect(t.chi2).toBe(0);
  });

  it('rejects bad options and empty windows with the value named', () => {
    const s = sample(createRng('shape-bad'), 5, () => 1);
    const rng = createRng('y');
    expect(() => dedxShapeTest(s, s, rng, { binEdgesCm: [0, 10, 5] })).toThrow(/bin edges \[0, 10, 5\] cm: expected at least two increasing values/);
    expect(() => dedxShapeTest(s, s, rng, { windowCm: [200, 100] })).toThrow(/window \[200, 100\] cm/);
    expect(() => dedxShapeTest(s, s, rng, { replicas: 5 })).toThrow(/replicas 5: expected an integer >= 46/);
    expect(() => dedxShapeTest(s, s, rng, { binEdgesCm: [0, 50, 150] })).toThrow(/bins \[0, 150\] cm overlap the normalisation window \[100, 200\] cm/);
    expect(() => dedxShapeTest(s, s, rng, { windowCm: [300, 400] })).toThrow(/data: 0 hits in the normalisation window \[300, 400\] cm, expected at least 50/);
  });
});
