import { describe, expect, it } from 'vitest';
import { silentLogger, ValidationError } from '@nucal/core';
import { NonlinearitySample } from '../sample.js';
import { darkNoiseOffset } from './dark-noise.js';
import { lightYield } from './light-yield.js';
import { sourcePeaks } from './source-peaks.js';
import { SUMMARY_UNITS } from './summary.js';
import { annihilationPeak, visiblePeaks } from './visible-peaks.js';

const peaksPe = (extra: object[] = []) =>
  NonlinearitySample.parse({
    sources: [
      { source: 'nH', peakPe: { meanPe: 3150, meanErrPe: 0.2 } },
      { source: 'Ge-68', peakPe: { meanPe: 1430, meanErrPe: 0.3 } },
      { source: 'Cs-137', peakPe: { meanPe: 1040, meanErrPe: 0.3 } },
      { source: 'Co-60', peakPe: { meanPe: 3500, meanErrPe: 0.3 } },
      ...extra,
    ],
    darkNoise: { randomTriggerPe: [148, 150, 152] },
  });

describe('calibration steps', () => {
  it('dark noise: mean and standard error of the random triggers, or the given offset', () => {
    expect(darkNoiseOffset({ randomTriggerPe: [148, 150, 152] })).toEqual({ meanPe: 150, errPe: 2 / Math.sqrt(3) });
    expect(darkNoiseOffset({ offsetPe: 12, offsetErrPe: 0.5 })).toEqual({ meanPe: 12, errPe: 0.5 });
  });

  it('Y0 from the n-H peak less the offset, and the peaks in visible energy on that scale', () => {
    const sample = peaksPe();
    const dn = darkNoiseOffset(sample.darkNoise);
    const peaks = sourcePeaks(sample.sources, silentLogger);
    const y0 = lightYield(sample, peaks, dn)!;
    const eNh = peaks[0]!.gammaMeV;
    expect(y0.pePerMeV).toBeCloseTo(3000 / eNh, 10);
    expect(y0.errPePerMeV).toBeCloseTo(Math.hypot(0.2, 2 / Math.sqrt(3)) / eNh, 12);
    const visible = visiblePeaks(peaks, dn, y0);
    expect(visible[0]!.visibleMeV).toBeCloseTo(eNh, 12);
    expect(annihilationPeak(visible).visibleMeV).toBeCloseTo(1280 / y0.pePerMeV, 12);
  });

  it('refuses a sample that cannot fix Y0, a repeated source and a missing Ge-68 peak', () => {
    const noNh = NonlinearitySample.parse({ sources: peaksPe().sources.slice(1).concat([{ source: 'Mn-54', peakPe: { meanPe: 1100, meanErrPe: 0.3 } }]) });
    expect(() => lightYield(noNh, sourcePeaks(noNh.sources, silentLogger), darkNoiseOffset(noNh.darkNoise))).toThrow(/no nH peak in PE and no y0/);
    const twice = peaksPe([{ source: 'Cs-137', peakPe: { meanPe: 1040, meanErrPe: 0.3 } }]);
    expect(() => sourcePeaks(twice.sources, silentLogger)).toThrow(/Cs-137 appears twice/);
    expect(() => annihilationPeak([])).toThrow(ValidationError);
  });

  it('summary units: dimensionless parameters and statistics, p2 in 1/MeV, p3 in MeV', () => {
    expect(SUMMARY_UNITS).toEqual({
      p0: '1', p1: '1', p2: '1/MeV', p3: 'MeV', chi2: '1', ndof: '1', pValue: '1', y0: 'PE/MeV', darkNoiseOffset: 'PE',
      annihilationVisibleEnergy: 'MeV', b12EventsInWindow: 'events', bandMaxInValidity: '%', channelNonlinearityAt100Pe: '%', chargeBiasAtNh: '%',
    });
  });
});
