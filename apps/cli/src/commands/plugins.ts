import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { table, toJson } from '../format.js';
import { PluginsListOutputSchema, type PluginsListOutput } from '../output/plugins-output.js';
import { DETECTORS } from '../registry/registry.js';
import { deriveOptions } from '../registry/zod-options.js';

/** `nucal plugins list`: the registered calibrations, by detector, with their records and options. */
export function pluginsCommand(cli: CliContext): Command {
  const cmd = new Command('plugins').description('the registered calibration plugins');
  cmd
    .command('list')
    .description('list the registered calibrations with their detector, records, time type and options')
    .option('--json', 'machine-readable JSON output')
    .action((o: { json?: boolean }) => {
      const out: PluginsListOutput = PluginsListOutputSchema.parse(
        DETECTORS.flatMap((d) =>
          d.plugins.map((p) => ({
            id: p.id,
            detector: d.name,
            description: p.description,
            records: p.records.map((r) => ({ name: r.name, version: r.version, description: r.description })),
            timeType: p.timeType,
            daily: p.daily,
            options: [...deriveOptions(p.options), ...deriveOptions(p.simulation, ['sim'])].map((f) => ({
              flag: f.flag, kind: f.kind, description: f.description, ...(f.choices ? { choices: [...f.choices] } : {}), ...(f.defaultValue !== undefined ? { default: f.defaultValue } : {}),
            })),
          })),
        ),
      );
      if (o.json) cli.io.out(toJson(out));
      else cli.io.out(table(['plugin', 'detector', 'records', 'IOVs', 'options'], out.map((p) => [p.id, p.detector, p.records.map((r) => `${r.name}@${r.version}`).join(' '), p.daily ? `${p.timeType}, daily` : p.timeType, String(p.options.length)])) + '\n(nucal calibrate <plugin> --help lists the options)');
    });
  return cmd;
}
