#!/usr/bin/env node
// Committed entry point, so npm links the `nucal` binary at install time, before any build.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('error: nucal is not built yet: run `npm run build` at the repository root');
  process.exit(1);
}
await import(entry.href);
