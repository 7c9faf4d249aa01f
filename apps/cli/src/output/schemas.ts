import { z } from 'zod';
import { CalibrateOutputSchema } from './calibrate-output.js';
import { DbOutputSchemas } from './db-output.js';
import { DbInspectOutputSchemas } from './db-inspect-output.js';
import { DuneDedxCheckOutputSchema, DuneSimulateOutputSchema, DuneStatsOutputSchema } from './dune-output.js';
import { JunoPlanOutputSchema } from './juno-plan-output.js';
import { JunoUniformityOutputSchema } from './juno-uniformity-output.js';
import { PluginsListOutputSchema } from './plugins-output.js';
import { TokenOutputSchemas } from './token-output.js';

/**
 * The schema of every command's `--json` output, by command (`nucal <command> --json`). The
 * calibrations share one: `calibrate` covers `nucal calibrate <id>`, `nucal juno nonlinearity`
 * and `nucal dune cosmics`. Published as JSON Schema in apps/cli/schemas/ and by
 * `nucal schema <command>`.
 */
export const OUTPUT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  ...DbOutputSchemas,
  ...DbInspectOutputSchemas,
  ...TokenOutputSchemas,
  'calibrate': CalibrateOutputSchema,
  'plugins list': PluginsListOutputSchema,
  'dune stats': DuneStatsOutputSchema,
  'dune simulate': DuneSimulateOutputSchema,
  'dune dedx-check': DuneDedxCheckOutputSchema,
  'juno plan': JunoPlanOutputSchema,
  'juno uniformity': JunoUniformityOutputSchema,
};

/** JSON Schema (draft 2020-12) of a command's output. */
export function outputJsonSchema(command: string): Record<string, unknown> {
  const schema = OUTPUT_SCHEMAS[command];
  if (!schema) throw new Error(`no output schema for "${command}"`);
  return { $id: `nucal/${command.replace(/ /g, '-')}.schema.json`, title: `nucal ${command} --json`, ...z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) };
}

/** File name of a command's published schema. */
export const schemaFileName = (command: string): string => `${command.replace(/ /g, '-')}.schema.json`;
