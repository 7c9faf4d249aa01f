import type { PlotSpec } from '@nucal/core';
import type { IovInfo, TagInfo } from '@nucal/conditions-db';
import { PLOT_COLORS, plot, timeAxisOf, timeToX, type PlotLayer } from '@nucal/numeric';
import { showTime } from '../show-time.js';

/** One bar of the timeline: an IOV from its since to the next since (or drawn open-ended). */
interface Bar {
  x: number;
  x2: number;
  y: number;
  y2: number;
  since: string;
  until: string;
  hash: string;
  href: string;
}

/** Bars as a plot-kit layer (the kit has no interval mark): rectangles with a tooltip and a link. */
function bars(rows: readonly Bar[], series: string, color: string, opacity: number): PlotLayer {
  return {
    legend: { label: series, color, symbol: 'band' },
    layers: (ctx) =>
      rows.length === 0
        ? []
        : [
            {
              data: { values: rows.map((r) => ({ ...r })) },
              mark: { type: 'rect', color, opacity, stroke: '#ffffff', strokeWidth: 0.5, cursor: 'pointer' },
              encoding: {
                x: { field: 'x', type: 'quantitative', title: ctx.x.title, scale: { ...ctx.x.scale } },
                x2: { field: 'x2' },
                y: { field: 'y', type: 'quantitative', title: ctx.y.title, scale: { ...ctx.y.scale } },
                y2: { field: 'y2' },
                href: { field: 'href' },
                tooltip: [
                  { field: 'since', type: 'nominal', title: 'since' },
                  { field: 'until', type: 'nominal', title: 'until' },
                  { field: 'hash', type: 'nominal', title: 'payload' },
                ],
              },
            },
          ],
  };
}

/**
 * The IOV timeline of a tag: each effective IOV a bar from its since to the next since, one row
 * per IOV (a staircase, so that short IOVs stay visible), the open-ended last one drawn paler
 * over a tenth of the span (one day or one run when it is alone). A bar links to its payload.
 *
 * @example iovTimelinePlot(tag, (await db.listIovs(tag.name)).items, (h) => `/payloads/${h}`)
 */
export function iovTimelinePlot(tag: Pick<TagInfo, 'name' | 'record' | 'timeType'>, iovs: readonly IovInfo[], hrefOf: (hash: string) => string): PlotSpec {
  const title = `IOVs of tag ${tag.name}`;
  const closed: Bar[] = [];
  const open: Bar[] = [];
  if (iovs.length > 0) {
    const { x, axis, origin } = timeAxisOf(iovs.map((i) => i.since));
    const first = x[0]!;
    const last = x[x.length - 1]!;
    const openLength = last > first ? (last - first) / 10 : 1;
    iovs.forEach((iov, i) => {
      const row: Bar = {
        x: x[i]!,
        x2: iov.until === null ? x[i]! + openLength : timeToX(iov.until, origin),
        y: i + 0.6,
        y2: i + 1.4,
        since: showTime(iov.since),
        until: showTime(iov.until),
        hash: iov.hash,
        href: hrefOf(iov.hash),
      };
      (iov.until === null ? open : closed).push(row);
    });
    const spec = plot(
      {
        title,
        subtitle: [`record ${tag.record.name}@${tag.record.version}, ${iovs.length} IOV(s) by ${tag.timeType}; a bar runs from its since to the next since`, 'click a bar for its payload'],
        x: axis,
        y: { label: 'IOV', domain: [0, iovs.length + 1] },
        width: 640,
        height: Math.min(420, Math.max(120, 24 * iovs.length)),
      },
      [bars(closed, 'IOV [since, next since)', PLOT_COLORS.band, 0.85), bars(open, 'open-ended (until a later IOV)', PLOT_COLORS.band, 0.35)],
    );
    return { name: 'timeline', title, spec };
  }
  // no IOV yet: an empty frame that says so
  const spec = plot({ title, subtitle: `record ${tag.record.name}@${tag.record.version}: no IOV yet`, x: { label: tag.timeType }, y: { label: 'IOV', domain: [0, 1] }, width: 640, height: 120 }, []);
  return { name: 'timeline', title, spec };
}
