import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nucal, tempDir } from '../cli.test-support.js';
import { JunoUniformityOutputSchema } from '../output/juno-uniformity-output.js';

describe('nucal juno uniformity --point-study', () => {
  it('a_eff against the number of calibration points on the finite-points row, with its plot', async () => {
    const dir = tempDir('nucal-point-study-');
    // Tiny statistics and 4 candidates per greedy step (about 25 s): the study's physics at
    // full statistics is in @nucal/uniformity's README.
    const r = await nucal('juno', 'uniformity', '--scenario', 'finite-points', '--point-study', '--study-candidates', '4', '--events-per-energy', '1000', '--events-per-point', '500', '--plots', dir, '--json');
    expect(r.code, r.err).toBe(0);
    const [row] = JunoUniformityOutputSchema.parse(JSON.parse(r.out));
    const study = row!.pointStudy!;
    expect(study.greedy.map((g) => g.points)).toEqual([50, 75, 100, 125, 150, 175, 200, 225, 250]);
    const first = study.greedy[0]!.aEff;
    const last = study.greedy.at(-1)!.aEff;
    // the axis and the guide tube alone leave the interior off-axis unmeasured: a_eff about 4.1%
    expect(first.value - last.value).toBeGreaterThan(0.5);
    expect(Math.abs(last.value - 2.86)).toBeLessThan(0.15);
    expect(study.smallest.referencePoints).toBe(250);
    expect(study.smallest.points).toBeGreaterThan(50);
    expect(study.smallest.points).toBeLessThanOrEqual(250);
    expect(study.smallest.aEff.value).toBeLessThanOrEqual(last.value + study.smallest.tolerance.value);
    expect(study.random).toHaveLength(3);
    expect(readdirSync(dir)).toContain('juno-uniformity-a-eff-vs-points.svg');
  });
});
