import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nucal, tempDir } from '../cli.test-support.js';
import { JunoPlanOutputSchema } from '../output/juno-plan-output.js';

describe('nucal juno plan', () => {
  it('prints the weekly programme as a table with the total and the live-time share', async () => {
    const r = await nucal('juno', 'plan', '--programme', 'weekly');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[1]).toMatch(/^system\s+source\s+energy MeV\s+points\s+travel min\s+data min\s+total min$/);
    // Am-C at 5 axis points: 69.4 m of travel at 1 m/min, 5 x 1 min of data
    expect(lines[2]).toMatch(/^ACU\s+AmC\s+6\.13\s+5\s+69\.4\s+5\s+74\.4$/);
    expect(lines[3]).toMatch(/^ACU\s+laser x10 intensities\s+-\s+1\s+39\.4\s+10\s+49\.4$/);
    expect(r.out).toMatch(/total: 123\.8 min \(2\.06 h\)/);
    expect(r.out).toMatch(/live-time share: 1\.23% of a week/);
  });

  it('--json: the published plan schema, durations as numbers in minutes', async () => {
    const r = await nucal('juno', 'plan', '--programme', 'comprehensive', '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JunoPlanOutputSchema.parse(JSON.parse(r.out));
    expect(plan.cadence).toBe('once');
    expect(plan.rows.filter((x) => x.source === 'AmC' && x.points > 1).reduce((s, x) => s + x.points, 0)).toBe(250);
    expect(plan.totalMin).toBeCloseTo(plan.rows.reduce((s, x) => s + x.totalMin, 0), 9);
    expect(plan.liveTimeShare).toBeCloseTo(plan.totalMin / 43_200, 12);
  });

  it('plans a campaign file, and refuses a bad one in one line naming the field, printing nothing', async () => {
    const dir = tempDir('nucal-plan-');
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ name: 'mine', cadence: 'monthly', rows: [{ system: 'ACU', source: 'Co-60', points: 'centre', eventsPerPoint: 60_000 }] }));
    const ok = await nucal('juno', 'plan', '--campaign', good, '--json');
    expect(ok.code, ok.err).toBe(0);
    const plan = JunoPlanOutputSchema.parse(JSON.parse(ok.out));
    // 39.4 m in and out at 1 m/min, 60,000 events at 100 Hz = 10 min
    expect(plan.totalMin).toBeCloseTo(49.4, 9);
    expect(plan.liveTimeShare).toBeCloseTo(49.4 / 43_200, 12);

    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ name: 'mine', cadence: 'monthly', rows: [{ system: 'ACU', source: 'Co-60', points: 'centre', eventsPerPoint: -5 }] }));
    const bad = await nucal('juno', 'plan', '--campaign', badFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/^error: --campaign ".*bad\.json": campaign is invalid: rows\.0\.eventsPerPoint: /);

    const unreachable = join(dir, 'unreachable.json');
    writeFileSync(unreachable, JSON.stringify({ name: 'mine', cadence: 'weekly', rows: [{ system: 'ACU', source: 'AmC', points: [{ rCm: 500, thetaRad: 1 }], minutesPerPoint: 1 }] }));
    const far = await nucal('juno', 'plan', '--campaign', unreachable, '--json');
    expect(far.code).toBe(1);
    expect(far.out).toBe('');
    expect(JSON.parse(far.err).error.message).toMatch(/rows\.0\.points\.0: .*not on the central axis/);

    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{ rows: ');
    expect((await nucal('juno', 'plan', '--campaign', notJson)).err).toMatch(/^error: --campaign ".*not\.json" is not valid JSON/);
    expect((await nucal('juno', 'plan', '--campaign', join(dir, 'missing.json'))).err).toMatch(/does not exist/);
  });

  it('needs a programme or a campaign, not both', async () => {
    expect((await nucal('juno', 'plan')).err).toMatch(/give --programme comprehensive\|weekly\|monthly or --campaign <file>/);
    const both = await nucal('juno', 'plan', '--programme', 'weekly', '--campaign', 'x.json');
    expect(both.code).toBe(2);
    expect((await nucal('juno', 'plan', '--programme', 'daily')).code).toBe(2);
  });
});
