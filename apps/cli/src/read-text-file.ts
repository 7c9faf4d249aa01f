import { readFileSync } from 'node:fs';
import { ValidationError } from '@nucal/core';

/**
 * A UTF-8 file the user named on the command line, or a ValidationError that names the option
 * and says why it cannot be read (missing, a directory, no permission) in one line.
 */
export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unreadable');
    throw new ValidationError(`${what} "${file}" cannot be read: ${why}`);
  }
}
