/**
 * Writes the JSON Schema of every command's --json output to apps/cli/schemas/ (the published
 * copies; a test checks they match the zod schemas): `npm run schemas -w @nucal/cli`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTPUT_SCHEMAS, outputJsonSchema, schemaFileName } from '../src/output/schemas.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const command of Object.keys(OUTPUT_SCHEMAS)) writeFileSync(`${dir}${schemaFileName(command)}`, `${JSON.stringify(outputJsonSchema(command), null, 2)}\n`);
console.log(`wrote ${Object.keys(OUTPUT_SCHEMAS).length} schemas to ${dir}`);
