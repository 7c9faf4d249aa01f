import { PLOT_COLORS } from './colors.js';
import type { LegendEntry, PlotLayer, VegaLayer } from './types.js';

/** Height of one legend or note row, px. */
const ROW_PX = 16;
/** Gap between the plot's right edge and the legend, px. */
const GAP_PX = 14;
/** Length of a legend glyph, px. */
const GLYPH_PX = 18;

/** A text mark at pixel position (x, y) of the view. */
function text(value: string, x: number, y: number, color: string, bold = false): VegaLayer {
  return {
    data: { values: [{}] },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 11, color, ...(bold ? { fontWeight: 'bold' as const } : {}) },
    encoding: { x: { value: x }, y: { value: y }, text: { value } },
  };
}

/** The glyph of one legend entry, its left end at x, centred on y. */
function glyph(e: LegendEntry, x: number, y: number): VegaLayer {
  const one = { data: { values: [{}] } };
  switch (e.symbol) {
    case 'point':
      return { ...one, mark: { type: 'point', filled: true, size: 30, color: e.color, opacity: 1 }, encoding: { x: { value: x + GLYPH_PX / 2 }, y: { value: y } } };
    case 'band':
      return { ...one, mark: { type: 'rect', color: e.color, opacity: 0.35 }, encoding: { x: { value: x }, x2: { value: x + GLYPH_PX }, y: { value: y - 5 }, y2: { value: y + 5 } } };
    case 'line':
    case 'step':
    case 'dashed':
      return {
        ...one,
        mark: { type: 'rule', color: e.color, strokeWidth: 2, ...(e.symbol === 'dashed' ? { strokeDash: [6, 3] } : {}) },
        encoding: { x: { value: x }, x2: { value: x + GLYPH_PX }, y: { value: y } },
      };
  }
}

/**
 * The legend (one row per series, its symbol and label) and the notes (e.g. the fit quality)
 * to the right of a view of the given width, in pixel coordinates; a red frame around the view
 * when a note is an alert.
 */
export function legendLayers(elements: readonly PlotLayer[], width: number, height: number): VegaLayer[] {
  const out: VegaLayer[] = [];
  const x = width + GAP_PX;
  let row = 0;
  const seen = new Set<string>();
  for (const e of elements) {
    if (!e.legend || seen.has(e.legend.label)) continue;
    seen.add(e.legend.label);
    const y = ROW_PX * (row + 0.5);
    out.push(glyph(e.legend, x, y), text(e.legend.label, x + GLYPH_PX + 6, y, '#000000'));
    row++;
  }
  let alert = false;
  for (const e of elements) {
    if (!e.note) continue;
    if (row > 0) row += 0.5;
    for (const line of e.note.lines) {
      out.push(text(line, x, ROW_PX * (row + 0.5), e.note.alert ? PLOT_COLORS.alert : '#000000', e.note.alert));
      row++;
    }
    alert ||= e.note.alert;
  }
  if (alert) {
    out.push({
      data: { values: [{}] },
      mark: { type: 'rect', filled: false, stroke: PLOT_COLORS.alert, strokeWidth: 3 },
      encoding: { x: { value: 0 }, x2: { value: width }, y: { value: 0 }, y2: { value: height } },
    });
  }
  return out;
}
