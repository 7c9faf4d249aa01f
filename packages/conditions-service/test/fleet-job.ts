/**
 * One batch job of the fleet test: reconstructs the fleet's events through the HTTP provider
 * and prints one JSON line { events, digest, requests, hits, misses }.
 * Usage: node --import tsx test/fleet-job.ts <baseUrl> <perRun>
 */
import { httpConditionsProvider } from '../src/http-provider.js';
import { FLEET_GT, reconstructFleetEvents } from './fleet-conditions.js';

const [baseUrl, perRun] = process.argv.slice(2);
let requests = 0;
const conditions = httpConditionsProvider({
  baseUrl: baseUrl!,
  globalTag: FLEET_GT,
  fetch: (input, init) => (requests++, fetch(input, init)),
});
const r = await reconstructFleetEvents(conditions, Number(perRun));
process.stdout.write(`${JSON.stringify({ ...r, requests, hits: conditions.hits, misses: conditions.misses })}\n`);
