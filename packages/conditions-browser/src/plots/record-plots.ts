import type { PlotSpec, Time } from '@nucal/core';
import { electronCurveOf, electronNonlinearityPlot, nonlinearityRecord } from '@nucal/nonlinearity';
import { driftVelocityOverTimePlot, driftVelocityRecord, lifetimeOverTimePlot, lifetimeRecord, t0OverTimePlot, t0Record } from '@nucal/tpc-drift';
import { gMapPlot, uniformityCorrection, uniformityRecord } from '@nucal/uniformity';

/** A plot of a tag's constants over time, from every effective IOV's payload. */
export interface OverTimePlotDef {
  /** The plot's name in its URL, e.g. `lifetime-over-time`. */
  readonly name: string;
  readonly title: string;
  /** Builds the spec; each payload is the stored JSON, to be checked by the record's schema. */
  build(iovs: readonly { readonly since: Time; readonly payload: unknown }[]): PlotSpec;
}

/** A plot of one payload (a curve, a map). */
export interface PayloadPlotDef {
  readonly name: string;
  readonly title: string;
  build(payload: unknown): PlotSpec;
}

/**
 * The plots the browser offers for one record version: built with the spec builders of the
 * package that owns the record, the ones its calibration and the CLI use.
 */
export interface RecordPlots {
  /** Record name and schema version, e.g. `dune.lifetime`, 1. */
  readonly record: string;
  readonly version: number;
  readonly overTime?: readonly OverTimePlotDef[];
  readonly payload?: readonly PayloadPlotDef[];
}

/**
 * The plots of nucal's records: DUNE electron lifetime, t0 and drift velocity per TPC versus
 * time (tpc-drift), the JUNO electron non-linearity curve with its band (nonlinearity) and the
 * JUNO non-uniformity map g(cos θ, (r/R)³) with its calibration points (uniformity), each drawn
 * as the calibration draws it.
 * Payloads go through the record's zod schema first, so a plot never draws a malformed payload.
 */
export const BUILTIN_RECORD_PLOTS: readonly RecordPlots[] = [
  {
    record: lifetimeRecord.name,
    version: lifetimeRecord.version,
    overTime: [{ name: 'lifetime-over-time', title: 'Electron lifetime per TPC versus time', build: (iovs) => lifetimeOverTimePlot(iovs.map((i) => ({ since: i.since, payload: lifetimeRecord.schema.parse(i.payload) }))) }],
  },
  {
    record: t0Record.name,
    version: t0Record.version,
    overTime: [{ name: 't0-over-time', title: 't0 offset per TPC versus time', build: (iovs) => t0OverTimePlot(iovs.map((i) => ({ since: i.since, payload: t0Record.schema.parse(i.payload) }))) }],
  },
  {
    record: driftVelocityRecord.name,
    version: driftVelocityRecord.version,
    overTime: [{ name: 'drift-velocity-over-time', title: 'Drift velocity per TPC versus time', build: (iovs) => driftVelocityOverTimePlot(iovs.map((i) => ({ since: i.since, payload: driftVelocityRecord.schema.parse(i.payload) }))) }],
  },
  {
    record: nonlinearityRecord.name,
    version: nonlinearityRecord.version,
    payload: [{ name: 'electron-nonlinearity', title: 'Electron non-linearity with its band', build: (p) => electronNonlinearityPlot(electronCurveOf(nonlinearityRecord.schema.parse(p))) }],
  },
  {
    record: uniformityRecord.name,
    version: uniformityRecord.version,
    payload: [
      {
        name: 'uniformity-g-map',
        title: 'Calibrated g(r, θ) from the calibration points',
        build: (p) => {
          const payload = uniformityRecord.schema.parse(p);
          // the calibration's own plot: its spline surface and the points it used
          return gMapPlot(uniformityCorrection(payload).surface, payload.points.map((q) => ({ u: q.u, v: q.v, system: q.system })), 'Calibrated g(r, θ) from the calibration points', 'uniformity-g-map');
        },
      },
    ],
  },
];

/** Looks up the plots of a record version among the given definitions. */
export function plotsOf(all: readonly RecordPlots[], record: { readonly name: string; readonly version: number }): { overTime: readonly OverTimePlotDef[]; payload: readonly PayloadPlotDef[] } {
  const defs = all.filter((d) => d.record === record.name && d.version === record.version);
  return { overTime: defs.flatMap((d) => d.overTime ?? []), payload: defs.flatMap((d) => d.payload ?? []) };
}
