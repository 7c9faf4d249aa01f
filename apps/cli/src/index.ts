/**
 * @nucal/cli — the `nucal` command. Thin: it parses arguments, opens the database, calls the
 * packages and prints.
 */
export { run, runCaptured, buildProgram } from './program.js';
export type { Io } from './io.js';
export { processIo } from './io.js';
