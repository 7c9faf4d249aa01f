import type { CalibrationPlugin, CalibrationResult } from './calibration-plugin.js';
import type { ConditionsProvider, Resolution } from './conditions-provider.js';
import type { ConditionsWriter, WrittenPayload } from './conditions-writer.js';
import { NucalError, ValidationError, formatZodIssues } from './errors.js';
import { silentLogger, silentProgress, type Logger, type Progress } from './logger.js';
import type { ProvenanceInput } from './provenance.js';
import type { RandomSource } from './random-source.js';
import { recordKey } from './record.js';
import { formatTime, type Time } from './time.js';

/** Options of {@link runCalibration}. */
export interface RunCalibrationOptions {
  /** Time of the calibration data: `requires` are resolved there and payloads are valid from there. */
  readonly at: Time;
  /** The job's stream; the plugin gets it as `ctx.rng`. */
  readonly rng: RandomSource;
  /** Where the plugin's `requires` come from (needed when it requires anything). */
  readonly conditions?: ConditionsProvider;
  /** Where the payloads go; without one nothing is written. */
  readonly writer?: ConditionsWriter;
  /** Tags are `<tagPrefix>.<record>`. */
  readonly tagPrefix?: string;
  /** Also map each written record in this global tag. */
  readonly globalTag?: string;
  readonly logger?: Logger;
  readonly progress?: Progress;
}

/** What {@link runCalibration} did. */
export interface CalibrationRun {
  readonly result: CalibrationResult;
  /** The conditions the calibration used (its `requires`), as resolved. */
  readonly used: readonly Resolution[];
  /** What was written (empty without a writer). */
  readonly written: readonly WrittenPayload[];
}

/**
 * The calibration host: the only caller of a plugin's `calibrate`. It validates the input
 * with the plugin's schema, resolves the plugin's `requires` at the time of the data (so one
 * calibration uses another's constants), runs the calibration, checks that every payload
 * belongs to one of the plugin's declared records and matches its schema, records the
 * conditions used in the provenance, and hands the payloads to the writer.
 *
 * @example
 * const run = await runCalibration(cosmicsPlugin(), sample, {
 *   at: timestampTime(t0), rng: createRng(1), writer: db.writer(), tagPrefix: 'mc',
 * });
 * run.result.summary['t0.tpc1'] // { value: 2.5, error: 0.003, unit: 'us' }
 */
export async function runCalibration<I, Config, Truth>(
  plugin: CalibrationPlugin<I, Config, Truth>,
  input: unknown,
  o: RunCalibrationOptions,
): Promise<CalibrationRun> {
  const parsed = plugin.input.safeParse(input);
  if (!parsed.success) throw new ValidationError(`input of calibration ${plugin.id} is invalid`, formatZodIssues(parsed.error.issues));
  const used: Resolution[] = [];
  if (plugin.requires.length > 0) {
    if (!o.conditions) {
      throw new ValidationError(`calibration ${plugin.id} requires ${plugin.requires.map((r) => r.name).join(', ')}: give it a conditions provider`);
    }
    for (const r of plugin.requires) {
      try {
        used.push(await o.conditions.resolve(r, o.at));
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw err instanceof NucalError
          ? Object.assign(err, { message: `calibration ${plugin.id} requires ${r.name} at ${formatTime(o.at)}: ${why}` })
          : new ValidationError(`calibration ${plugin.id} requires ${r.name} at ${formatTime(o.at)}: ${why}`);
      }
    }
  }
  const required = new Map(used.map((u) => [u.record.name, u]));
  const result = await plugin.calibrate(parsed.data, {
    rng: o.rng,
    logger: o.logger ?? silentLogger,
    progress: o.progress ?? silentProgress,
    at: o.at,
    required,
    ...(o.conditions ? { conditions: o.conditions } : {}),
  });
  checkPayloads(plugin, result);
  const provenance: ProvenanceInput = used.length
    ? {
        ...result.provenance,
        metadata: {
          ...result.provenance.metadata,
          conditions: used.map((u) => ({ record: recordKey(u.record), tag: u.tag, hash: u.hash, since: formatTime(u.since) })),
        },
      }
    : result.provenance;
  const written = o.writer
    ? await o.writer.write({
        payloads: result.payloads,
        since: o.at,
        provenance,
        ...(o.tagPrefix !== undefined ? { tagPrefix: o.tagPrefix } : {}),
        ...(o.globalTag !== undefined ? { globalTag: o.globalTag } : {}),
      })
    : [];
  return { result: { ...result, provenance }, used, written };
}

/** Every payload is of a declared record (name and version) and matches its schema. */
function checkPayloads(plugin: Pick<CalibrationPlugin, 'id' | 'records'>, result: CalibrationResult): void {
  const declared = new Map(plugin.records.map((r) => [recordKey(r), r]));
  result.payloads.forEach((p, i) => {
    const key = recordKey(p.record);
    const record = declared.get(key);
    if (!record) {
      throw new ValidationError(`calibration ${plugin.id} returned payload #${i} of record ${key}, which it does not declare (it declares ${[...declared.keys()].join(', ')})`);
    }
    const ok = record.schema.safeParse(p.payload);
    if (!ok.success) throw new ValidationError(`calibration ${plugin.id} returned a ${key} payload that does not match its schema`, formatZodIssues(ok.error.issues));
  });
}
