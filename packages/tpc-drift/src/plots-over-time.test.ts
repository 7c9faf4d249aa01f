import { describe, expect, it } from 'vitest';
import { runTime, timestampTime } from '@nucal/core';
import { driftVelocityOverTimePlot, lifetimeOverTimePlot, t0OverTimePlot, type PayloadAt } from './plots-over-time.js';
import { driftVelocityRecord, lifetimeRecord, t0Record, type DriftVelocityPayload, type LifetimePayload, type T0Payload } from './records.js';

const fit = { parameters: [], values: {}, errors: {}, covariance: [], chi2: 0, ndof: 0, valid: true };
const DAY = 86_400_000_000_000n;
const MARCH_1 = 1_772_323_200_000_000_000n; // 2026-03-01T00:00:00Z

/** The rows of every points layer: the data of `points` sits on the layer holding the point mark. */
function pointRows(spec: unknown): { x: number; y: number; lo: number; hi: number }[][] {
  const out: { x: number; y: number; lo: number; hi: number }[][] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as { data?: { values?: unknown[] }; layer?: { mark?: { type?: string } }[] };
      if (o.data?.values && o.layer?.some((l) => l.mark?.type === 'point')) out.push(o.data.values as never);
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  return out;
}

describe('DUNE constants over time', () => {
  const days = [0n, 1n, 2n].map((d) => timestampTime(MARCH_1 + d * DAY));

  it('lifetime: one series per TPC, whole-TPC entries only, values and 1σ bars as stored', () => {
    const iovs: PayloadAt<LifetimePayload>[] = days.map((since, d) => ({
      since,
      payload: lifetimeRecord.schema.parse({
        estimator: 'truncated-mean',
        entries: [
          { tpc: 2, lifetimeMs: 6 + d, errorMs: 0.2, nHits: 1000, fit },
          { tpc: 1, lifetimeMs: 5 + d / 10, errorMs: 0.1, nHits: 1000, fit },
          // a height slice: not a whole-TPC lifetime, not plotted
          { tpc: 1, yMinCm: 0, yMaxCm: 100, lifetimeMs: 99, errorMs: 1, nHits: 10, fit },
        ],
      }),
    }));
    const p = lifetimeOverTimePlot(iovs);
    expect(p.name).toBe('lifetime-over-time');
    const rows = pointRows(p.spec);
    expect(rows.map((r) => r.length)).toEqual([3, 3]);
    // TPC 1 first (sorted), days 0.0, 1.0, 2.0 since 2026-03-01
    expect(rows[0]!.map((r) => [r.x, r.y])).toEqual([[0, 5], [1, 5.1], [2, 5.2]]);
    expect(rows[1]![2]).toEqual({ x: 2, y: 8, lo: 7.8, hi: 8.2 });
    expect(JSON.stringify(p.spec)).toContain('time since 2026-03-01 (UTC) (d)');
    expect(rows.flat().some((r) => r.y === 99)).toBe(false);
  });

  it('t0 and drift velocity: a point per IOV and TPC on a run axis', () => {
    const t0: PayloadAt<T0Payload>[] = [runTime(100), runTime(200)].map((since, i) => ({
      since,
      payload: t0Record.schema.parse({ method: 'segments', tpcs: [0, 1, 2].map((tpc) => ({ tpc, t0OffsetUs: tpc + i, errorUs: 0.05, nTracks: 10, fit })) }),
    }));
    const rows = pointRows(t0OverTimePlot(t0).spec);
    expect(rows.map((r) => r.length)).toEqual([2, 2, 2]);
    expect(rows[2]!.map((r) => [r.x, r.y])).toEqual([[100, 2], [200, 3]]);
    const vd: PayloadAt<DriftVelocityPayload>[] = [{ since: runTime(7), payload: driftVelocityRecord.schema.parse({ tpcs: [{ tpc: 0, vdMmPerUs: 1.6, errorMmPerUs: 0.002, nTracks: 300, driftLengthCm: 360 }] }) }];
    const v = pointRows(driftVelocityOverTimePlot(vd).spec);
    expect(v[0]![0]!.lo).toBeCloseTo(1.598, 12);
    expect(JSON.stringify(driftVelocityOverTimePlot(vd).spec)).toContain('drift velocity (mm/μs)');
  });
});
