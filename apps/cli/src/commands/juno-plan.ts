import { Command, Option } from 'commander';
import { builtinCampaign, planCampaign, parseCampaign, PROGRAMMES, type CampaignPlan } from '@nucal/sources';
import { ValidationError } from '@nucal/core';
import { emit, type CliContext } from '../context.js';
import { table } from '../format.js';
import { parseJson } from '../parse-args.js';
import { readTextFile } from '../read-text-file.js';

const minutes = (m: number) => Number(m.toFixed(1));

function planTable(plan: CampaignPlan): string {
  const rows = plan.rows.map((r) => [
    r.system,
    r.source + (r.intensities > 1 ? ` x${r.intensities} intensities` : '') + (r.sharedDeployment ? ` (via ${r.deployedSource})` : ''),
    r.energyMeV === null ? '-' : Number(r.energyMeV.toFixed(3)),
    r.points,
    minutes(r.travelMin),
    minutes(r.dataMin),
    minutes(r.totalMin),
  ]);
  const period = plan.cadence === 'weekly' ? 'a week' : plan.cadence === 'monthly' ? 'a 30-day month' : 'a 30-day month (run once)';
  return [
    `campaign ${plan.name} (${plan.cadence}), source speed ${plan.speedMPerMin} m/min`,
    table(['system', 'source', 'energy MeV', 'points', 'travel min', 'data min', 'total min'], rows),
    `total: ${minutes(plan.totalMin)} min (${plan.totalHours.toFixed(2)} h): travel ${minutes(plan.travelMin)} min, data ${minutes(plan.dataMin)} min`,
    `live-time share: ${(100 * plan.liveTimeShare).toFixed(2)}% of ${period}`,
  ].join('\n');
}

/** `nucal juno plan`: travel, data-taking time and live-time share of a calibration campaign. */
export function junoPlanCommand(cli: CliContext): Command {
  return new Command('plan')
    .description('plan a calibration campaign: travel and data-taking time per row, total and share of live time')
    .addOption(new Option('--programme <name>', 'built-in programme').choices([...PROGRAMMES]).conflicts('campaign'))
    .option('--campaign <file>', 'campaign JSON file instead of a programme (rows: system, source, points, eventsPerPoint | minutesPerPoint | precision)')
    .option('--json', 'machine-readable JSON output')
    .action((o: { programme?: string; campaign?: string; json?: boolean }) => {
      if (o.programme === undefined && o.campaign === undefined) {
        throw new ValidationError(`give --programme ${PROGRAMMES.join('|')} or --campaign <file>`);
      }
      const fromFile = o.campaign;
      let plan: CampaignPlan;
      try {
        plan = planCampaign(fromFile !== undefined ? parseCampaign(parseJson(readTextFile(fromFile, '--campaign'), `--campaign "${fromFile}"`)) : builtinCampaign(o.programme!));
      } catch (e) {
        // name the file in front of the field (rows.2.points.0: ...) the planner reports
        if (fromFile !== undefined && e instanceof ValidationError && e.message.startsWith('campaign is invalid')) throw new ValidationError(`--campaign "${fromFile}": ${e.message}`);
        throw e;
      }
      emit(cli.io, o, plan, () => planTable(plan));
    });
}
