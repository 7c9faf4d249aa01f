import { type CalibrationPlugin, defineCalibrationPlugin, ValidationError, formatZodIssues } from '@nucal/core';
import { calibrateNonlinearity, NONLINEARITY_PLUGIN_ID, NonlinearityOptions, type NonlinearityOptionsInput } from './calibrate.js';
import { electronGrid } from './electron-grid.js';
import { junoEnergyScaleRecord, nonlinearityRecord } from './records.js';
import { NonlinearitySample } from './sample.js';
import { simulateNonlinearitySample, type NonlinearitySimConfigInput, type NonlinearityTruth } from './simulate.js';
import { PACKAGE_VERSION } from './version.js';

/** The `juno.nonlinearity` calibration plugin type. */
export type NonlinearityPlugin = CalibrationPlugin<NonlinearitySample, NonlinearitySimConfigInput, NonlinearityTruth>;

/**
 * Calibration plugin `juno.nonlinearity` (PHYSICS.md 1.4; JUNO calibration strategy, JHEP 03
 * (2021) 004, arXiv:2011.06405): gamma-source peaks at the centre plus the cosmogenic B-12
 * spectrum fit with the 4-parameter electron non-linearity; produces `juno.nonlinearity`
 * (parameters, covariance, fit, systematic band, validity range) and `juno.energy-scale`
 * (Y0, dark-noise offset, annihilation visible energy). Options are fixed per plugin
 * instance; the electron grid and the P(E_e) tables are built once and shared by every
 * calibrate call of the process.
 *
 * @example
 * const plugin = nonlinearityPlugin({ systematics: { mocks: 50 } });
 * const { input, truth } = plugin.simulate({}, createRng(42));
 * const result = await plugin.calibrate(input, { rng: createRng(42), logger: silentLogger, progress: silentProgress });
 */
export function nonlinearityPlugin(optionsIn: NonlinearityOptionsInput = {}): NonlinearityPlugin {
  const parsed = NonlinearityOptions.safeParse(optionsIn);
  if (!parsed.success) throw new ValidationError('juno.nonlinearity options are invalid', formatZodIssues(parsed.error.issues));
  const options = parsed.data;
  const grid = electronGrid();
  return defineCalibrationPlugin<NonlinearitySample, NonlinearitySimConfigInput, NonlinearityTruth>({
    id: NONLINEARITY_PLUGIN_ID,
    version: PACKAGE_VERSION,
    records: [nonlinearityRecord, junoEnergyScaleRecord],
    requires: [],
    input: NonlinearitySample,
    simulate: (config, rng) => simulateNonlinearitySample(config, rng, { grid, secondaries: options.secondaries }),
    calibrate: async (input, ctx) => (await calibrateNonlinearity(input, ctx, options, grid)).result,
  });
}
