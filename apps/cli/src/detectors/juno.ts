import { junoEnergyScaleRecord, NonlinearityOptions, nonlinearityPlugin, nonlinearityRecord, NonlinearitySimConfig, sampleFromCsv } from '@nucal/nonlinearity';
import { UniformityOptions, uniformityPlugin, uniformityRecord, UniformitySimConfig } from '@nucal/uniformity';
import { definePluginEntry } from '../registry/plugin-entry.js';
import type { Detector } from './detector.js';

/**
 * The JUNO-like 20 kt liquid-scintillator detector: its records, its calibrations and their
 * defaults. Run-based IOVs.
 */
export const juno: Detector = {
  name: 'juno',
  description: 'JUNO-like 20 kt liquid-scintillator detector (run-based IOVs)',
  records: [nonlinearityRecord, junoEnergyScaleRecord, uniformityRecord],
  plugins: [
    definePluginEntry({
      id: 'juno.nonlinearity',
      detector: 'juno',
      description: 'gamma-source peaks at the centre and one month of cosmogenic B-12: the electron non-linearity (p0..p3, covariance, band) and the energy scale at the centre',
      records: [nonlinearityRecord, junoEnergyScaleRecord],
      options: NonlinearityOptions,
      simulation: NonlinearitySimConfig,
      timeType: 'run',
      defaultSince: '1',
      daily: false,
      defaultTagPrefix: 'mc',
      shortcuts: [
        { flags: '--events <n>', description: 'events per gamma source (K-40 keeps 6% of it)', sets: 'sim.eventsPerSource' },
        { flags: '--b12-days <d>', description: 'days of B-12 data', sets: 'sim.b12.days' },
        { flags: '--mocks <n>', description: 'mock data sets per systematic effect for the band (0: statistical band only)', sets: 'systematics.mocks' },
      ],
      // K-40 (natural potassium, ~1 Hz) gets 6% of the events of the other sources, as in the campaign.
      tuneSimulation: (config, given) =>
        given.has('sim.eventsPerSource') && !given.has('sim.eventsBySource')
          ? { ...config, eventsBySource: { 'K-40': Math.max(100, Math.round(Number(config.eventsPerSource) * 0.06)) } }
          : config,
      create: (options) => nonlinearityPlugin(options) as never,
      readInput: (text, file) => (/\.csv$/i.test(file) ? sampleFromCsv(text) : JSON.parse(text)),
    }),
    definePluginEntry({
      id: 'juno.uniformity',
      detector: 'juno',
      description: 'n-H source peaks at the ACU, GT and CLS calibration points: the non-uniformity map g(cos theta, (r/R)^3) and Y0 at the centre',
      records: [uniformityRecord],
      options: UniformityOptions,
      simulation: UniformitySimConfig,
      timeType: 'run',
      defaultSince: '1',
      daily: false,
      defaultTagPrefix: 'mc',
      shortcuts: [
        { flags: '--events <n>', description: 'n-H source events per calibration point', sets: 'sim.eventsPerPoint' },
        { flags: '--cls-points <n>', description: 'CLS points besides the 27 ACU and 23 GT points', sets: 'sim.clsPoints' },
      ],
      create: (options) => uniformityPlugin(options) as never,
    }),
  ],
};
