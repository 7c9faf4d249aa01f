import { describe, expect, it } from 'vitest';
import { parseBulkIovLines } from './bulk-iov-lines.js';

const read = (text: string, kind: 'run' | 'timestamp' = 'timestamp') => () => parseBulkIovLines(text, 'f.jsonl', kind);

describe('parseBulkIovLines', () => {
  it('reads string and safe-integer sinces, skipping blank lines (line numbers stay physical)', () => {
    const iovs = parseBulkIovLines('{"since": "1795478400000000256", "payload": {"a": 1}}\n\n{"since": 5, "payload": {"a": 2}}\r\n', 'f.jsonl', 'timestamp');
    expect(iovs.map((i) => i.since)).toEqual([{ kind: 'timestamp', ns: 1795478400000000256n }, { kind: 'timestamp', ns: 5n }]);
    expect(read('{"since": "1", "payload": {}}\n\n{"since": "x", "payload": {}}')).toThrow(/^line 3 of f\.jsonl: time "x"/);
  });

  it('refuses a numeric since beyond 2^53 with the advice to write it as a string', () => {
    // 1795478400000000256 is exactly representable as a double but not a safe integer; 2^53 + 1 is not representable at all
    expect(read('{"since": 1795478400000000256, "payload": {}}')).toThrow('line 1 of f.jsonl: "since" 1795478400000000256 is beyond 2^53, where JSON numbers lose digits: write it as a string, "since": "1795478400000000256"');
    expect(read('{"since": 9007199254740993, "payload": {}}')).toThrow('write it as a string, "since": "9007199254740993"');
    expect(read('{"since": 9223372036854775808, "payload": {}}')).toThrow('"since": "9223372036854775808"');
    expect(read('{"since": 9007199254740991, "payload": {}}')).not.toThrow();
  });

  it('refuses a since that is neither a string nor an integer', () => {
    expect(read('{"since": 1.5, "payload": {}}')).toThrow('line 1 of f.jsonl: "since" 1.5 is not an integer: expected a string or an integer');
    expect(read('{"since": 1e21, "payload": {}}')).toThrow('"since" 1e21 is beyond 2^53, where JSON numbers lose digits: write the integer as a string of digits');
    expect(read('{"since": true, "payload": {}}')).toThrow(/line 1 of f\.jsonl is not \{"since": \.\.\., "payload": \.\.\.\}: since: expected a string or an integer/);
    expect(read('{"since": null, "payload": {}}')).toThrow(/since: expected a string or an integer/);
    expect(read('{"since": -5, "payload": {}}', 'run')).toThrow(/time "-5" is not a run/);
  });

  it('refuses lines that are not {since, payload} objects, and an empty file', () => {
    expect(read('[1, 2]')).toThrow(/line 1 of f\.jsonl is not \{"since"/);
    expect(read('null')).toThrow(/line 1 of f\.jsonl is not \{"since"/);
    expect(read('{"since": "1"}')).toThrow('line 1 of f.jsonl has no "payload"');
    expect(read('{"since": "1", "paylod": {}}')).toThrow('line 1 of f.jsonl has no "payload"');
    expect(read('{"since": "1", "payload": {}, "note": "x"}')).toThrow(/line 1 of f\.jsonl is not .*Unrecognized key.*note/i);
    expect(read('{oops')).toThrow(/line 1 of f\.jsonl is not valid JSON/);
    expect(read('\n \n')).toThrow('f.jsonl has no IOV lines');
  });
});
