/**
 * Whether the command line asks for JSON output, read from the raw arguments: used when
 * commander could not parse them (then no option object exists) so that even a usage error is
 * reported as JSON. Arguments after `--` are operands, not options.
 */
export function argvWantsJson(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--json' || a.startsWith('--json=')) return true;
  }
  return false;
}
