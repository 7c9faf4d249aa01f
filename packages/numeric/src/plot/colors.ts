/** Colours of the plot kit: data black, fits red, then Tableau 10 for further series. */
export const PLOT_COLORS = {
  data: '#000000',
  fit: '#d62728',
  reference: '#7f7f7f',
  band: '#1f77b4',
  alert: '#d62728',
  series: ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'],
} as const;
