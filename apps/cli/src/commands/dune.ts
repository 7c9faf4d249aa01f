import { Command, Option } from 'commander';
import { planStatistics } from '@nucal/cosmics';
import type { CliContext } from '../context.js';
import { table, toJson } from '../format.js';
import { parseNumber } from '../parse-args.js';

/** `nucal dune stats`: the statistics planner of the DUNE calibrations. */
export function duneStatsCommand(cli: CliContext): Command {
  const { io } = cli;
  return new Command('stats')
    .description('events and days of data needed for a relative precision, per detector binning')
    .addOption(new Option('--sample <s>', 'calibration sample').choices(['stopping', 'michel', 'throughgoing']).makeOptionMandatory())
    .requiredOption('--precision <p>', 'relative precision wanted, e.g. 0.01 for 1%')
    .option('--efficiency <e>', 'selection efficiency (0..1]')
    .option('--resolution <s>', 'relative spread of one event (default: from the simulation)')
    .addOption(new Option('--binning <b>', 'detector binning').choices(['whole', 'tpc']).default('whole'))
    .option('--rate <perDay>', 'selected rate per day for the whole detector (default: simulated)')
    .option('--json', 'machine-readable JSON output')
    .action((o: { sample: 'stopping' | 'michel' | 'throughgoing'; precision: string; efficiency?: string; resolution?: string; binning: 'whole' | 'tpc'; rate?: string; json?: boolean }) => {
      const num = (t: string, w: string) => parseNumber(t, w);
      const plan = planStatistics({
        sample: o.sample,
        precision: num(o.precision, '--precision'),
        binning: o.binning,
        ...(o.efficiency ? { efficiency: num(o.efficiency, '--efficiency') } : {}),
        ...(o.resolution ? { resolution: num(o.resolution, '--resolution') } : {}),
        ...(o.rate ? { ratesPerDay: { [o.sample]: num(o.rate, '--rate') } } : {}),
      });
      if (o.json) io.out(toJson(plan));
      else io.out(table(['sample', 'binning', 'precision', 'spread/event', 'events/bin', 'bins', 'rate/bin/day', 'days'], [[plan.sample, plan.binning, plan.precision, plan.resolution, plan.eventsPerBin, plan.bins, Number(plan.ratePerBinPerDay.toFixed(2)), Number(plan.daysNeeded.toFixed(2))]]));
    });
}

