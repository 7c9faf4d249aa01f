import type { ConditionsDb } from '@nucal/conditions-db';
import type { RecordPlots } from './plots/record-plots.js';

/** What the browser's routes share. */
export interface BrowserContext {
  readonly db: ConditionsDb;
  /** The plots offered per record version (the built-in ones and any added). */
  readonly plots: readonly RecordPlots[];
}
