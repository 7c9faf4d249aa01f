import type { PlotSpec, Time } from '@nucal/core';
import { overTimePlot, PLOT_COLORS, type OverTimeSeries } from '@nucal/numeric';
import type { DriftVelocityPayload, LifetimePayload, T0Payload } from './records.js';

/*
 * The DUNE constants versus time: one point per IOV (at its since) and TPC, with the error the
 * calibration stored. Built with @nucal/numeric's kit (overTimePlot), so the conditions browser
 * and any script draw the same plot from the stored payloads.
 */

/** A stored payload and the since of its IOV. */
export interface PayloadAt<P> {
  readonly since: Time;
  readonly payload: P;
}

const SUBTITLE = 'one point per IOV, at its since; error bars: the calibration’s 1σ error';

/** One series per TPC, in TPC order, coloured as the calibration plots colour TPCs. */
function perTpc<E extends { tpc: number }>(iovs: readonly PayloadAt<unknown>[], entries: (i: number) => readonly E[], value: (e: E) => number, error: (e: E) => number): OverTimeSeries[] {
  const byTpc = new Map<number, { times: Time[]; values: number[]; errors: number[] }>();
  iovs.forEach((iov, i) => {
    for (const e of entries(i)) {
      let s = byTpc.get(e.tpc);
      if (!s) byTpc.set(e.tpc, (s = { times: [], values: [], errors: [] }));
      s.times.push(iov.since);
      s.values.push(value(e));
      s.errors.push(error(e));
    }
  });
  return [...byTpc.entries()]
    .sort(([a], [b]) => a - b)
    .map(([tpc, s]) => ({ label: `TPC ${tpc}`, ...s, color: PLOT_COLORS.series[tpc % PLOT_COLORS.series.length]! }));
}

/**
 * Electron lifetime of every TPC (whole-TPC entries; height slices are left out) versus time.
 *
 * @example
 * lifetimeOverTimePlot([{ since: timestampTime(t), payload: lifetimePayload }]).spec
 */
export function lifetimeOverTimePlot(iovs: readonly PayloadAt<LifetimePayload>[]): PlotSpec {
  const title = 'Electron lifetime per TPC versus time';
  const series = perTpc(iovs, (i) => iovs[i]!.payload.entries.filter((e) => e.yMinCm === undefined), (e) => e.lifetimeMs, (e) => e.errorMs);
  return { name: 'lifetime-over-time', title, spec: overTimePlot({ title, subtitle: SUBTITLE, y: { label: 'electron lifetime τ', unit: 'ms' } }, series) };
}

/**
 * The time offset t0 (TPC time zero minus trigger time) of every TPC versus time.
 *
 * @example
 * t0OverTimePlot([{ since: timestampTime(t), payload: t0Payload }]).spec
 */
export function t0OverTimePlot(iovs: readonly PayloadAt<T0Payload>[]): PlotSpec {
  const title = 't0 offset per TPC versus time';
  const series = perTpc(iovs, (i) => iovs[i]!.payload.tpcs, (e) => e.t0OffsetUs, (e) => e.errorUs);
  return { name: 't0-over-time', title, spec: overTimePlot({ title, subtitle: SUBTITLE, y: { label: 't0 offset (TPC − trigger)', unit: 'μs' } }, series) };
}

/**
 * The drift velocity averaged over the drift of every TPC versus time.
 *
 * @example
 * driftVelocityOverTimePlot([{ since: timestampTime(t), payload: vdPayload }]).spec
 */
export function driftVelocityOverTimePlot(iovs: readonly PayloadAt<DriftVelocityPayload>[]): PlotSpec {
  const title = 'Drift velocity per TPC versus time';
  const series = perTpc(iovs, (i) => iovs[i]!.payload.tpcs, (e) => e.vdMmPerUs, (e) => e.errorMmPerUs);
  return { name: 'drift-velocity-over-time', title, spec: overTimePlot({ title, subtitle: SUBTITLE, y: { label: 'drift velocity', unit: 'mm/μs' } }, series) };
}
