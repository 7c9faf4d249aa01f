/**
 * @nucal/conditions-browser — web pages over the conditions service: global tags and tags,
 * IOV timelines, payloads with provenance and fit summary, tag diffs and plots of constants
 * over time (Vega-Lite specs from the calibrations' own builders, drawn by vega-embed).
 */
// registering the browser on a conditions service (fastify instance)
export { registerConditionsBrowser, type BrowserOptions } from './register-browser.js';
// plots offered per record, and the plot of a tag's IOVs
export { BUILTIN_RECORD_PLOTS, plotsOf, type RecordPlots, type OverTimePlotDef, type PayloadPlotDef } from './plots/record-plots.js';
export { iovTimelinePlot } from './plots/timeline-plot.js';
export { tagPlotUrl, payloadPlotUrl } from './plots/plot-routes.js';
// what the payload page reads from a payload
export { findFits, valueWithError, type FoundFit } from './fit-summaries.js';
export { MAX_PLOT_IOVS } from './browser-data.js';
