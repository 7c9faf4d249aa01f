#!/usr/bin/env node
// Empties the package's dist/ before tsc writes it, so a published tarball holds exactly what
// this build made: no output of a deleted or renamed module, no source map of an older build.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
