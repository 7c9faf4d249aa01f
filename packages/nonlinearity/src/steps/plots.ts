import type { PlotSpec } from '@nucal/core';
import { b12SpectrumPlot, bandBreakdownPlot, electronNonlinearityPlot, gammaNonlinearityPlot, positronBiasPlot } from '../plots.js';
import type { NonlinearityCurves } from './curves.js';

/**
 * Step 13, the plots: gamma non-linearity, B-12 spectrum (with B-12 data), electron
 * non-linearity with its band, the band by effect, positron bias; each draws the curves it is
 * given.
 *
 * @example
 * const plots = nonlinearityPlots(curves); // gamma-nonlinearity, b12-spectrum, electron-nonlinearity, nonlinearity-band-breakdown, positron-bias
 */
export function nonlinearityPlots(curves: NonlinearityCurves): PlotSpec[] {
  return [
    gammaNonlinearityPlot(curves.gamma),
    ...(curves.b12 ? [b12SpectrumPlot(curves.b12)] : []),
    electronNonlinearityPlot(curves.electron),
    bandBreakdownPlot(curves.bandBreakdown),
    positronBiasPlot(curves.positron),
  ];
}
