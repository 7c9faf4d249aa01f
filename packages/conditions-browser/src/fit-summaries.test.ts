import { describe, expect, it } from 'vitest';
import { findFits, valueWithError } from './fit-summaries.js';
import { html, raw } from './html.js';

const fit = { parameters: ['a'], values: { a: 1 }, errors: { a: 0.1 }, covariance: [[0.01]], chi2: 3, ndof: 2, valid: true };

describe('payload page helpers', () => {
  it('find every fit summary with its path, labelled by TPC and height slice', () => {
    const found = findFits({ estimator: 'x', entries: [{ tpc: 2, fit }, { tpc: 2, yMinCm: 0, yMaxCm: 100, fit }], fit, other: { chi2: 1, parameters: 'not a fit' } });
    expect(found.map((f) => [f.path, f.label])).toEqual([['entries[0].fit', 'TPC 2'], ['entries[1].fit', 'TPC 2, y 0–100 cm'], ['fit', null]]);
  });

  it('show a value to the second significant digit of its error', () => {
    expect(valueWithError(5.12345, 0.0421)).toBe('5.123 ± 0.042');
    expect(valueWithError(1234.4, 12)).toBe('1234 ± 12');
    expect(valueWithError(123456, 2500)).toBe('1.235e+5 ± 2.5e+3');
    expect(valueWithError(-0.012, 0.001)).toBe('-0.0120 ± 0.0010');
    expect(valueWithError(2.5e-7, 1e-8)).toBe('2.500e-7 ± 1.0e-8');
    expect(valueWithError(3.14159, undefined)).toBe('3.142');
  });

  it('escape interpolated text but not nested markup', () => {
    const name = '<b>"x"&\'y\'</b>';
    expect(html`<td title="${name}">${name}</td>`.text).toBe('<td title="&lt;b&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/b&gt;</td>');
    expect(html`<ul>${['a', 'b'].map((i) => html`<li>${i}</li>`)}${null}${false}${raw('<hr>')}</ul>`.text).toBe('<ul><li>a</li><li>b</li><hr></ul>');
  });
});
