/**
 * The service in its own process for the benchmark: serves a database on a free loopback
 * port and prints `listening <url>`. Usage: node --import tsx bench/service-process.ts <db>
 */
import { serve } from '../src/serve.js';

const svc = await serve({ dbUrl: process.argv[2]!, port: 0, host: '127.0.0.1', readOnly: true });
process.stdout.write(`listening ${svc.url}\n`);
process.on('SIGTERM', () => void svc.close().then(() => process.exit(0)));
