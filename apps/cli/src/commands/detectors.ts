import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { DETECTORS } from '../registry/registry.js';
import { calibrationCommand } from './calibrate.js';
import { duneStatsCommand } from './dune.js';
import { junoPlanCommand } from './juno-plan.js';

/**
 * `nucal <detector> <calibration>`: short names of `nucal calibrate <plugin-id>`, one command
 * group per detector family (`nucal juno nonlinearity` = `nucal calibrate juno.nonlinearity`),
 * plus the detector's own tools (`nucal dune stats`).
 */
export function detectorCommands(cli: CliContext): Command[] {
  return DETECTORS.map((d) => {
    const cmd = new Command(d.name).description(d.description);
    for (const p of d.plugins) cmd.addCommand(calibrationCommand(cli, p, p.id.slice(d.name.length + 1)));
    if (d.name === 'dune') cmd.addCommand(duneStatsCommand(cli));
    if (d.name === 'juno') cmd.addCommand(junoPlanCommand(cli));
    return cmd;
  });
}
