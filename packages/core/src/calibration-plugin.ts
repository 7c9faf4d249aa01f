import type { z } from 'zod';
import type { ConditionsProvider, Resolution } from './conditions-provider.js';
import { ValidationError } from './errors.js';
import type { FitSummary } from './fit-summary.js';
import type { Logger, Progress } from './logger.js';
import type { Measurement } from './measurement.js';
import { assertNamespacedId } from './names.js';
import type { PlotSpec } from './plot.js';
import type { ProvenanceInput } from './provenance.js';
import type { RandomSource } from './random-source.js';
import type { RecordRef } from './record.js';
import type { Time } from './time.js';

/** What a calibration gets besides its input. */
export interface CalibrationContext {
  /**
   * The plugin's `requires`, resolved by the host at the time of the data, by record name:
   * `ctx.required.get('dune.t0')?.payload`. Empty when the plugin requires nothing.
   */
  readonly required?: ReadonlyMap<string, Resolution>;
  /** The provider the host resolved them from (for lookups at other times). */
  readonly conditions?: ConditionsProvider;
  /** Time of the calibration data. */
  readonly at?: Time;
  /** Seeded randomness (toys, bootstrap); never Math.random. */
  readonly rng: RandomSource;
  readonly logger: Logger;
  readonly progress: Progress;
}

/** One payload to store: the record it belongs to and its content. */
export interface PayloadOut<T = unknown> {
  readonly record: RecordRef<T>;
  readonly payload: T;
}

/** The result of a calibration: payloads, fit diagnostics, plots as data, provenance. */
export interface CalibrationResult {
  readonly payloads: readonly PayloadOut[];
  readonly fits: Readonly<Record<string, FitSummary>>;
  readonly plots: readonly PlotSpec[];
  readonly provenance: ProvenanceInput;
  /**
   * The numbers a person or a script reads first, each with its error and unit (counts and
   * settings have error 0): the same shape in every plugin and every `--json` output.
   */
  readonly summary: Readonly<Record<string, Measurement>>;
}

/** A seeded toy of a plugin's input with the truth that generated it. */
export interface Simulation<I, Truth> {
  readonly input: I;
  readonly truth: Truth;
}

/**
 * A calibration plugin: turns a calibration sample into payloads of its records.
 * Plain typed data; state, if any, lives in the factory's closure.
 */
export interface CalibrationPlugin<I = unknown, Config = unknown, Truth = unknown> {
  /** Namespaced id, e.g. `juno.nonlinearity`. */
  readonly id: string;
  /** Version of the package that provides it. */
  readonly version: string;
  readonly records: readonly RecordRef[];
  /** Records read from conditions at the time of the data (the host resolves them). */
  readonly requires: readonly RecordRef[];
  /** Schema of the calibration sample. */
  readonly input: z.ZodType<I>;
  simulate(config: Config, rng: RandomSource): Simulation<I, Truth>;
  calibrate(input: I, ctx: CalibrationContext): Promise<CalibrationResult>;
}

/**
 * Checks and returns a calibration plugin definition; the identity at run time apart from
 * the checks, it exists for type inference and early errors.
 *
 * @example
 * export const lifetimePlugin = (opts: LifetimeOptions = {}) => defineCalibrationPlugin({
 *   id: 'dune.lifetime', version: '0.1.0', records: [lifetimeRecord],
 *   requires: [t0Record], input: CosmicSample,
 *   simulate: (config, rng) => ..., calibrate: async (sample, ctx) => ...,
 * });
 */
export function defineCalibrationPlugin<I, Config, Truth>(
  plugin: CalibrationPlugin<I, Config, Truth>,
): CalibrationPlugin<I, Config, Truth> {
  assertNamespacedId(plugin.id, 'plugin id');
  for (const r of plugin.requires) assertNamespacedId(r.name, `record required by ${plugin.id}`);
  if (plugin.records.length === 0) throw new ValidationError(`plugin ${plugin.id} declares no records: expected at least one`);
  return Object.freeze(plugin);
}
