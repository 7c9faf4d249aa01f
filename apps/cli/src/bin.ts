#!/usr/bin/env node
import { processIo } from './io.js';
import { run } from './program.js';

// `nucal ... | head` closes stdout early: stop quietly instead of dying on EPIPE with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await run(process.argv.slice(2), processIo);
