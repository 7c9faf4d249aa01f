import { measurement, type Measurement } from '@nucal/core';
import { NONLIN_PARAMETERS, type NonlinParameter } from '../model.js';
import type { NonlinBand } from '../records.js';
import type { B12Spectrum } from './b12-histogram.js';
import type { DarkNoiseOffset } from './dark-noise.js';
import type { CurveFit } from './fit-curve.js';
import type { LightYield } from './light-yield.js';
import type { NonlinearityOptions } from './options.js';
import type { VisiblePeak } from './visible-peaks.js';
import { correctionAt, type ChargeCorrection } from './charge-correction.js';
import type { SourcePeak } from './source-peaks.js';

/** Units of the model parameters: f = (p0 + p3/E) / (1 + p1 exp(-p2 E)), E in MeV. */
export const PARAMETER_UNITS: Readonly<Record<NonlinParameter, string>> = { p0: '1', p1: '1', p2: '1/MeV', p3: 'MeV' };

/**
 * The keys of the summary, in order, with their units (README: "Summary keys"). `y0` needs
 * Y0 (PE data or a given Y0), `pValue` ndof > 0 (the fit's `pValue`), the last two a corrected
 * laser scan (`chargeBiasAtNh` also an n-H peak in PE). No truth comparison: the
 * calibration never sees Monte Carlo truth (closure code: `nonlinearityClosure`).
 */
export const SUMMARY_UNITS = {
  ...PARAMETER_UNITS,
  chi2: '1',
  ndof: '1',
  pValue: '1',
  y0: 'PE/MeV',
  darkNoiseOffset: 'PE',
  annihilationVisibleEnergy: 'MeV',
  b12EventsInWindow: 'events',
  bandMaxInValidity: '%',
  channelNonlinearityAt100Pe: '%',
  chargeBiasAtNh: '%',
} as const;
export type SummaryKey = keyof typeof SUMMARY_UNITS;

/**
 * Step 12, the summary: the numbers read first, each a Measurement in the unit of
 * {@link SUMMARY_UNITS} (fit errors for p0..p3, Y0, the offset and the annihilation energy;
 * error 0 for counts, chi2, ndof, the p-value and the band maximum).
 *
 * @example
 * result.summary.p2; // { value: 1.30, error: 0.04, unit: '1/MeV' }
 */
export function nonlinearitySummary(
  nominal: CurveFit,
  y0: LightYield | undefined,
  dn: DarkNoiseOffset,
  annihilation: VisiblePeak,
  b12: B12Spectrum | undefined,
  band: NonlinBand,
  options: Pick<NonlinearityOptions, 'validityMinMeV' | 'validityMaxMeV'>,
  instrumental?: { correction: ChargeCorrection; peaks: readonly SourcePeak[] },
): Partial<Record<SummaryKey, Measurement>> {
  const u = SUMMARY_UNITS;
  const r = nominal.fit.result;
  const summary: Partial<Record<SummaryKey, Measurement>> = {};
  for (const p of NONLIN_PARAMETERS) summary[p] = measurement(nominal.params[p], r.errors[p], u[p]);
  summary.chi2 = measurement(r.chi2, 0, u.chi2);
  summary.ndof = measurement(r.ndof, 0, u.ndof);
  if (r.pValue !== null) summary.pValue = measurement(r.pValue, 0, u.pValue);
  if (y0) summary.y0 = measurement(y0.pePerMeV, y0.errPePerMeV, u.y0);
  summary.darkNoiseOffset = measurement(dn.meanPe, dn.errPe, u.darkNoiseOffset);
  summary.annihilationVisibleEnergy = measurement(annihilation.visibleMeV, annihilation.visibleErrMeV, u.annihilationVisibleEnergy);
  summary.b12EventsInWindow = measurement(b12 ? b12.counts.reduce((s, c) => s + c, 0) : 0, 0, u.b12EventsInWindow);
  summary.bandMaxInValidity = measurement(
    100 * Math.max(0, ...band.energyMeV.flatMap((e, i) => (e >= options.validityMinMeV && e <= options.validityMaxMeV ? [band.highRel[i]!, -band.lowRel[i]!] : []))),
    0,
    u.bandMaxInValidity,
  );
  if (instrumental) {
    const nl = instrumental.correction.meanNonlinearityAt100Pe;
    summary.channelNonlinearityAt100Pe = measurement(100 * nl.value, 100 * nl.error, u.channelNonlinearityAt100Pe);
    const nh = instrumental.peaks.find((p) => p.source === 'nH')?.pe;
    if (nh) summary.chargeBiasAtNh = measurement(100 * correctionAt(instrumental.correction, nh.meanPe), 0, u.chargeBiasAtNh);
  }
  return summary;
}
