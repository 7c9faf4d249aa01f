import type { CalibrationPlugin, RecordRef, TimeType } from '@nucal/core';
import type { z } from 'zod';

/** A calibration plugin as the registry knows it; its generics are erased for the generic command. */
export type AnyCalibrationPlugin = CalibrationPlugin<unknown, never, unknown>;

/** A flag of a detector's short command that sets a path of the derived options (kept for the short names). */
export interface Shortcut {
  /** `--events <n>` */
  readonly flags: string;
  readonly description: string;
  /** Which derived option it sets, e.g. `sim.eventsPerSource`. */
  readonly sets: string;
}

/**
 * One registered calibration: what `nucal calibrate <id>` needs to run it generically. The
 * command-line options come from `options` (the plugin factory's options, `--<path>`) and
 * `simulation` (its toy's configuration, `--sim.<path>`); the records come from the plugin.
 */
export interface PluginEntry<O extends z.ZodType = z.ZodType, S extends z.ZodType = z.ZodType> {
  readonly id: string;
  /** The detector family it belongs to (its home in src/detectors). */
  readonly detector: string;
  readonly description: string;
  /** Records it writes (also registered by `nucal db init`). */
  readonly records: readonly RecordRef[];
  /** Schema of the plugin's options, as exposed on the command line. */
  readonly options: O;
  /** Schema of the simulation (toy) configuration. */
  readonly simulation: S;
  /** The time type of its IOVs and the default first time of validity. */
  readonly timeType: TimeType;
  readonly defaultSince: string;
  /** One calibration and one IOV per detector-day, since advancing a day (`--days N`). */
  readonly daily: boolean;
  /** Default `--tag-prefix`. */
  readonly defaultTagPrefix: string;
  /** Extra flags of the short command (`nucal juno nonlinearity --events 5000`). */
  readonly shortcuts?: readonly Shortcut[];
  /** Adjusts the simulation configuration after the flags (e.g. K-40 events follow --events). */
  readonly tuneSimulation?: (config: Record<string, unknown>, given: ReadonlySet<string>) => Record<string, unknown>;
  /** Builds the plugin from parsed options. */
  create(options: z.infer<O>): AnyCalibrationPlugin;
  /** Reads a recorded sample (`--input`): JSON of the plugin's input schema, or a format of its own. */
  readInput?(text: string, file: string): unknown;
  /** Reads a recorded sample from a binary file (`--input`; e.g. HDF5 hits); wins over `readInput`. */
  readInputFile?(file: string): Promise<unknown>;
}

/** Declares a registry entry with its option types checked. */
export function definePluginEntry<O extends z.ZodType, S extends z.ZodType>(entry: PluginEntry<O, S>): PluginEntry<O, S> {
  return Object.freeze(entry);
}
