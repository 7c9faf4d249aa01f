import { ValidationError } from '@nucal/core';
import { NonlinearitySample, type NonlinearitySampleInput, type SourceMeasurement } from './sample.js';

/**
 * Builds a calibration sample from a CSV table of source peaks, one row per source, with a
 * header naming the columns: `source` and either `meanMeV,meanErrMeV` (visible energy) or
 * `meanPe,meanErrPe` (raw PE, then give `y0` or an nH row and the dark noise in `extra`).
 * Blank lines and lines starting with `#` are skipped.
 *
 * @example
 * const sample = sampleFromCsv('source,meanMeV,meanErrMeV\nCs-137,0.6240,0.0001\n...');
 */
export function sampleFromCsv(text: string, extra: Omit<NonlinearitySampleInput, 'sources'> = {}): NonlinearitySample {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length < 2) throw new ValidationError(`peak CSV has ${lines.length} lines: expected a header and at least one row`);
  const header = lines[0]!.split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const iSource = col('source');
  const visible = col('meanMeV') >= 0 && col('meanErrMeV') >= 0;
  const pe = col('meanPe') >= 0 && col('meanErrPe') >= 0;
  if (iSource < 0 || visible === pe) {
    throw new ValidationError(`peak CSV header "${lines[0]}" is invalid: expected source and either meanMeV,meanErrMeV or meanPe,meanErrPe`);
  }
  const sources: SourceMeasurement[] = lines.slice(1).map((line, r) => {
    const cells = line.split(',').map((c) => c.trim());
    const num = (name: string): number => {
      const v = Number(cells[col(name)]);
      if (!Number.isFinite(v)) throw new ValidationError(`peak CSV row ${r + 2} column ${name} is "${cells[col(name)]}": expected a number`);
      return v;
    };
    const source = cells[iSource] ?? '';
    return visible
      ? { source, peakVisible: { meanMeV: num('meanMeV'), meanErrMeV: num('meanErrMeV') } }
      : { source, peakPe: { meanPe: num('meanPe'), meanErrPe: num('meanErrPe') } };
  });
  const parsed = NonlinearitySample.safeParse({ ...extra, sources });
  if (!parsed.success) throw new ValidationError('peak CSV does not give a valid sample', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}
