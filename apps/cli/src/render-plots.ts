import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlotSpec } from '@nucal/core';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders plugin plots (Vega-Lite specs, data inlined) to SVG files. Vega renders SVG
 * without a browser or canvas; the same specs open unchanged in any Vega-Lite viewer.
 */
export async function writePlots(dir: string, plots: readonly PlotSpec[], prefix = ''): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const p of plots) {
    const svg = await renderSvg(p);
    const file = join(dir, `${prefix}${p.name}.svg`);
    writeFileSync(file, svg);
    files.push(file);
  }
  return files;
}

/** One plot as SVG text. */
export async function renderSvg(p: PlotSpec): Promise<string> {
  const spec = { title: p.title, ...p.spec } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
