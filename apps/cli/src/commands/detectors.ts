import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { DETECTORS } from '../registry/registry.js';
import { calibrationCommand } from './calibrate.js';
import { duneDedxCheckCommand, duneSimulateCommand, duneStatsCommand } from './dune.js';
import { junoPlanCommand } from './juno-plan.js';
import { junoUniformityCommand } from './juno-uniformity.js';

/**
 * `nucal <detector> <calibration>`: short names of `nucal calibrate <plugin-id>`, one command
 * group per detector family (`nucal juno nonlinearity` = `nucal calibrate juno.nonlinearity`),
 * plus the detector's own tools (`nucal dune stats`, `nucal juno plan`, `nucal juno uniformity`;
 * a tool's name wins over a calibration's short name).
 */
export function detectorCommands(cli: CliContext): Command[] {
  return DETECTORS.map((d) => {
    const cmd = new Command(d.name).description(d.description);
    const tools: Command[] = [];
    if (d.name === 'dune') tools.push(duneStatsCommand(cli), duneSimulateCommand(cli), duneDedxCheckCommand(cli));
    if (d.name === 'juno') tools.push(junoPlanCommand(cli));
    if (d.name === 'juno') tools.push(junoUniformityCommand(cli));
    // A detector's own tool keeps its name: `nucal juno uniformity` is the scenario ladder, the
    // calibration alone stays `nucal calibrate juno.uniformity`.
    const taken = new Set(tools.map((t) => t.name()));
    for (const p of d.plugins) {
      const short = p.id.slice(d.name.length + 1);
      if (!taken.has(short)) cmd.addCommand(calibrationCommand(cli, p, short));
    }
    for (const t of tools) cmd.addCommand(t);
    return cmd;
  });
}
