import { Command } from 'commander';
import { NotFoundError } from '@nucal/core';
import type { CliContext } from '../context.js';
import { OUTPUT_SCHEMAS, outputJsonSchema } from '../output/schemas.js';

/** `nucal schema [command]`: the JSON Schema of a command's --json output, or the list of commands. */
export function schemaCommand(cli: CliContext): Command {
  return new Command('schema')
    .description('print the JSON Schema of a command\'s --json output (e.g. nucal schema "db resolve"); without a command, list them')
    .argument('[command...]', 'the command, e.g. db resolve, calibrate, plugins list')
    .action((words: string[]) => {
      if (words.length === 0) {
        cli.io.out(Object.keys(OUTPUT_SCHEMAS).join('\n'));
        return;
      }
      const command = words.join(' ');
      if (!OUTPUT_SCHEMAS[command]) throw new NotFoundError(`no --json output schema for "${command}": known are ${Object.keys(OUTPUT_SCHEMAS).join(', ')}`);
      cli.io.out(JSON.stringify(outputJsonSchema(command), null, 2));
    });
}
