import { describe, expect, it } from 'vitest';
import { runTime, timestampTime, ValidationError } from '@nucal/core';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { overTimePlot, timeAxisOf } from './over-time.js';
import type { TopLevelSpec } from './types.js';

const DAY_NS = 86_400_000_000_000n;
const MARCH_1_2026_NS = 1_772_323_200_000_000_000n; // 2026-03-01T00:00:00Z

async function svgOf(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => { warnings.push(`error: ${m.join(' ')}`); return logger; },
    warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), { renderer: 'none' });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

describe('timeAxisOf', () => {
  it('puts timestamps in days since the first UTC midnight, to the nanosecond order', () => {
    const times = [timestampTime(MARCH_1_2026_NS + DAY_NS / 2n), timestampTime(MARCH_1_2026_NS + DAY_NS / 2n + 1n), timestampTime(MARCH_1_2026_NS + 3n * DAY_NS)];
    const a = timeAxisOf(times);
    expect(a.axis).toEqual({ label: 'time since 2026-03-01 (UTC)', unit: 'd' });
    expect(a.origin).toEqual({ kind: 'timestamp', ns: MARCH_1_2026_NS });
    expect(a.x[0]).toBeCloseTo(0.5, 12);
    expect(a.x[2]).toBeCloseTo(3, 12);
    // one nanosecond later is still later (1.16e-14 d, above the double's resolution at 0.5 d)
    expect(a.x[1]! - a.x[0]!).toBeGreaterThan(0);
  });

  it('puts runs on a run axis, a subrun as a fraction of its run', () => {
    const a = timeAxisOf([runTime(1000), runTime(1200, 2 ** 31)]);
    expect(a.axis).toEqual({ label: 'run' });
    expect(Array.from(a.x)).toEqual([1000, 1200.5]);
  });

  it('refuses no times and mixed kinds, naming them', () => {
    expect(() => timeAxisOf([])).toThrow(ValidationError);
    expect(() => timeAxisOf([runTime(1), timestampTime(1n)])).toThrow(/run and timestamp times mixed/);
  });
});

describe('overTimePlot', () => {
  it('draws one point with an error bar per time and series, without vega-lite warnings', async () => {
    const times = [0n, 1n, 2n].map((d) => timestampTime(MARCH_1_2026_NS + d * DAY_NS));
    const spec = overTimePlot({ title: 'Electron lifetime', y: { label: 'τ', unit: 'ms' } }, [
      { label: 'TPC 1', times, values: [5, 5.2, 5.1], errors: [0.1, 0.1, 0.2] },
      { label: 'TPC 2', times: times.slice(0, 2), values: [6, 6.3], errors: [0.2, 0.2] },
    ]);
    const { svg, warnings } = await svgOf(spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('time since 2026-03-01 (UTC) (d)');
    // a data point is a symbol with an aria label (the legend glyphs have none)
    expect(svg.match(/<path[^>]*aria-roledescription="point"/g) ?? []).toHaveLength(3 + 2);
    // an error bar is a rule from value - error to value + error
    expect(svg.match(/<line aria-label="[^"]*hi: [^"]*"/g) ?? []).toHaveLength(3 + 2);
  });

  it('refuses a series with fewer values than times', () => {
    expect(() => overTimePlot({ title: 't', y: { label: 'y' } }, [{ label: 's', times: [runTime(1), runTime(2)], values: [1] }])).toThrow(/1 values for 2 times/);
  });
});
