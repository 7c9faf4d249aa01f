import { describe, expect, it } from 'vitest';
import { oneLine } from './one-line.js';

describe('oneLine', () => {
  it('escapes line breaks and control characters so one message stays one line', () => {
    expect(oneLine('tag "a\nb\r\tc" does not exist')).toBe('tag "a\\nb\\r\\tc" does not exist');
    expect(oneLine('bell\u0007 esc\u001b[31m nul\u0000 del\u007f ls\u2028 ps\u2029')).toBe('bell\\u0007 esc\\u001b[31m nul\\u0000 del\\u007f ls\\u2028 ps\\u2029');
    expect(oneLine('ünïcode τ 🙂')).toBe('ünïcode τ 🙂');
  });

  it('cuts very long texts', () => {
    const t = oneLine('x'.repeat(5000), 100);
    expect(t).toBe(`${'x'.repeat(100)}... (4900 more characters)`);
  });
});
