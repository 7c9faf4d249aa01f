import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256 } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: undefined } })).toBe('{"a":{"d":[1,{"y":null,"z":0}]},"b":1}');
  });
  it('gives the same hash for the same content in any key order', () => {
    expect(contentHash({ x: 1.5, y: 'a' })).toBe(contentHash({ y: 'a', x: 1.5 }));
    expect(contentHash({ x: 1.5 })).not.toBe(contentHash({ x: 1.25 }));
  });
  it('matches the published sha256 test vector', () => {
    // FIPS 180-2 example: sha256("abc")
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('refuses non-finite numbers and bigints, naming the path', () => {
    expect(() => canonicalJson({ fit: { chi2: Number.NaN } })).toThrow(/\$\.fit\.chi2 is NaN/);
    expect(() => canonicalJson([1, Infinity])).toThrow(/\$\[1\] is Infinity/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });
});
