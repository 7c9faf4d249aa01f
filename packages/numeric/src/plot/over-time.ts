import { timeToJson, ValidationError, type Time } from '@nucal/core';
import type { TopLevelSpec } from 'vega-lite';
import { PLOT_COLORS } from './colors.js';
import { plot, type PlotFrame } from './frame.js';
import { points } from './points.js';
import type { PlotAxis } from './types.js';

const NS_PER_DAY = 86_400_000_000_000n;

/** Times placed on a quantitative axis: x per time, and the axis that labels them. */
export interface TimeAxis {
  /** Runs: run + subrun / 2^32. Timestamps: days since `origin` (UTC midnight of the first time). */
  readonly x: Float64Array;
  readonly axis: PlotAxis;
  /** The time at x = 0 (run 0, or the first time's UTC midnight). */
  readonly origin: Time;
}

/** The x of one time on an axis from {@link timeAxisOf}. */
export function timeToX(t: Time, origin: Time): number {
  if (t.kind !== origin.kind) throw new ValidationError(`time axis: a ${t.kind} time on a ${origin.kind} axis; expected times of one kind`);
  if (t.kind === 'run') return Number(t.run) + Number(t.subrun ?? 0n) / 2 ** 32;
  return Number(t.ns - (origin as typeof t).ns) / Number(NS_PER_DAY);
}

/**
 * Times (IOV sinces) on a quantitative axis. Runs are plotted as run numbers (a subrun as a
 * fraction of its run); timestamps as days since the UTC midnight of the earliest time, with
 * that date in the axis title (Vega-Lite's temporal axes take milliseconds, which would lose the
 * nanoseconds of core's times and the order of IOVs one nanosecond apart).
 *
 * @example
 * const { x, axis } = timeAxisOf(iovs.map((i) => i.since)); // axis: { label: 'time since 2026-03-01 (UTC)', unit: 'd' }
 */
export function timeAxisOf(times: readonly Time[]): TimeAxis {
  const first = times[0];
  if (first === undefined) throw new ValidationError('time axis: no times; expected at least one');
  for (const t of times) if (t.kind !== first.kind) throw new ValidationError(`time axis: ${first.kind} and ${t.kind} times mixed; expected times of one kind`);
  let origin: Time;
  let axis: PlotAxis;
  if (first.kind === 'run') {
    origin = { kind: 'run', run: 0n, subrun: 0n };
    axis = { label: 'run' };
  } else {
    let min = first.ns;
    for (const t of times) if (t.kind === 'timestamp' && t.ns < min) min = t.ns;
    // core's timestamps are >= 0 ns, so the division floors to the UTC midnight
    origin = { kind: 'timestamp', ns: (min / NS_PER_DAY) * NS_PER_DAY };
    axis = { label: `time since ${timeToJson(origin).text.slice(0, 10)} (UTC)`, unit: 'd' };
  }
  return { x: Float64Array.from(times, (t) => timeToX(t, origin)), axis, origin };
}

/** One series of {@link overTimePlot}: a constant at a list of times. */
export interface OverTimeSeries {
  /** Legend label, e.g. "TPC 2". */
  readonly label: string;
  readonly times: readonly Time[];
  readonly values: ArrayLike<number>;
  /** 1σ errors, drawn as error bars. */
  readonly errors?: ArrayLike<number>;
  /** Colour (default: the kit's series colours in order). */
  readonly color?: string;
}

/**
 * Constants versus time: one point per time (an IOV's since) and series, with error bars; the
 * series share one time axis ({@link timeAxisOf}).
 *
 * @example
 * overTimePlot({ title: 'Electron lifetime', y: { label: 'τ', unit: 'ms' } }, [{ label: 'TPC 1', times, values: tau, errors: dtau }]);
 */
export function overTimePlot(frame: Omit<PlotFrame, 'x'>, series: readonly OverTimeSeries[]): TopLevelSpec {
  for (const s of series) {
    if (s.values.length !== s.times.length) throw new ValidationError(`overTimePlot: series '${s.label}' has ${s.values.length} values for ${s.times.length} times; expected one per time`);
  }
  const { x, axis, origin } = timeAxisOf(series.flatMap((s) => s.times));
  // margins, so that the first and last points and the longest error bars are not cut by the frame
  const ys = series.flatMap((s) => Array.from(s.values, (v, i) => [v - (s.errors?.[i] ?? 0), v + (s.errors?.[i] ?? 0)])).flat().filter(Number.isFinite);
  return plot(
    { ...frame, x: { ...axis, domain: padded(Math.min(...x), Math.max(...x), 0.04, 0.5) }, y: { ...(ys.length > 0 ? { domain: padded(Math.min(...ys), Math.max(...ys), 0.08, 0.05 * Math.abs(ys[0]!) || 0.5) } : {}), ...frame.y } },
    series.map((s, i) =>
      points({
        x: s.times.map((t) => timeToX(t, origin)),
        y: s.values,
        ...(s.errors ? { yError: s.errors } : {}),
        series: s.label,
        color: s.color ?? PLOT_COLORS.series[i % PLOT_COLORS.series.length]!,
      }),
    ),
  );
}

/** [lo, hi] widened by `share` of its span on each side, or by `alone` when lo = hi. */
function padded(lo: number, hi: number, share: number, alone: number): [number, number] {
  const pad = hi > lo ? share * (hi - lo) : alone;
  return [lo - pad, hi + pad];
}
