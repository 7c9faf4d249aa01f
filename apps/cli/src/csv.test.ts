import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('toCsv (RFC 4180)', () => {
  it('quotes exactly the fields with a comma, quote, CR or LF and doubles their quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('writes a header row and CRLF-terminated rows that a strict reader splits back', () => {
    const rows = [['a', 'x,y', 1], ['b', 'say "hi"\nbye', 2]];
    const text = toCsv(['tag', 'description', 'n'], rows);
    expect(text).toBe('tag,description,n\r\na,"x,y",1\r\nb,"say ""hi""\nbye",2\r\n');
    expect(parseRfc4180(text)).toEqual([['tag', 'description', 'n'], ...rows.map((r) => r.map(String))]);
  });
});

/** A strict RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseRfc4180(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') field += text[i++];
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      out.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected character at ${i}`);
  }
  return out;
}
