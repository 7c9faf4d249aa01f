import type { PlotContext } from './types.js';

/** A quantitative x encoding of `field` on the frame's x axis (title and scale). */
export function xOf(ctx: PlotContext, field: string) {
  return { field, type: 'quantitative' as const, title: ctx.x.title, scale: { ...ctx.x.scale } };
}

/** A quantitative y encoding of `field` on the frame's y axis (title and scale). */
export function yOf(ctx: PlotContext, field: string) {
  return { field, type: 'quantitative' as const, title: ctx.y.title, scale: { ...ctx.y.scale } };
}
