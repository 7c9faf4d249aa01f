/**
 * Whether the command line asks for JSON output, read from the raw arguments: used when
 * commander could not parse them (then no option object exists) so that even a usage error is
 * reported as JSON. `--format json` (the listings' long form of `--json`) counts too. Arguments
 * after `--` are operands, not options.
 */
export function argvWantsJson(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return false;
    if (a === '--json' || a.startsWith('--json=') || a === '--format=json') return true;
    if (a === '--format' && argv[i + 1] === 'json') return true;
  }
  return false;
}
