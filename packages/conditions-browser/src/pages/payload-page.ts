import type { PayloadInfo, Usage } from '@nucal/conditions-db';
import type { FitSummary } from '@nucal/core';
import { formatNumber } from '@nucal/numeric';
import { findFits, MAX_FITS, valueWithError } from '../fit-summaries.js';
import { html, type Html } from '../html.js';
import { layout } from './layout.js';
import { gtLink, plotBlock, tagLink, when } from './parts.js';

/** Longest payload text shown on the page (the API serves all of it). */
const MAX_SHOWN_BYTES = 256 * 1024;

/** What the payload page shows. */
export interface PayloadPageData {
  readonly payload: PayloadInfo;
  /** The global tags (through tags) that hold it. */
  readonly usage: readonly Usage[];
  /** Plots of the payload (by its record), as `/api/v1/plots/...` URLs. */
  readonly plots: readonly { readonly name: string; readonly url: string }[];
}

function fitTable(fit: FitSummary): Html {
  const p = fit.pValue;
  const flags = [
    fit.valid ? html`<span class="badge locked">valid</span>` : html`<span class="badge bad">not valid</span>`,
    fit.lowPValue ? html` <span class="badge bad">p &lt; 1e-3: poor fit</span>` : null,
    fit.accurateCovariance === false ? html` <span class="badge open">approximate covariance</span>` : null,
  ];
  return html`<table class="fit"><thead><tr><th>parameter</th><th>value ± error</th></tr></thead><tbody>
${fit.parameters.map((name) => html`<tr><td><code>${name}</code></td><td class="num">${valueWithError(fit.values[name] ?? Number.NaN, fit.errors[name])}</td></tr>`)}
<tr><td>χ²/ndof</td><td class="num">${formatNumber(fit.chi2)}/${fit.ndof}</td></tr>
<tr><td>p-value</td><td class="num">${p === undefined || p === null ? '—' : formatNumber(p)}</td></tr>
<tr><td>flags</td><td>${flags}</td></tr>
</tbody></table>`;
}

/** Provenance as facts: plugin, input, seed, creation time, and the rest as JSON. */
function provenanceFacts(prov: Record<string, unknown>): Html {
  const plugin = prov.plugin as { id?: string; version?: string } | undefined;
  const input = prov.input as { description?: string; hash?: string } | undefined;
  const { plugin: _p, input: _i, seed, createdAt, ...rest } = prov;
  return html`<dl class="facts" id="provenance">
<dt>plugin</dt><dd><code>${plugin?.id ?? '?'}</code> ${plugin?.version ?? ''}</dd>
<dt>input</dt><dd>${input?.description ?? ''}${input?.hash ? html` <span class="hash" title="${input.hash}">${input.hash.slice(0, 12)}</span>` : null}</dd>
${seed !== undefined ? html`<dt>seed</dt><dd><code>${String(seed)}</code></dd>` : null}
<dt>produced</dt><dd>${String(createdAt ?? '?')}</dd>
${Object.entries(rest).map(([k, v]) => html`<dt>${k}</dt><dd><pre>${JSON.stringify(v, null, 2)}</pre></dd>`)}
</dl>`;
}

/**
 * A payload: its record, size and first insertion, its provenance, the fit summaries it holds
 * (values with errors, χ²/ndof, p-value, validity flags), its plots, who uses it, and the
 * stored JSON.
 */
export function payloadPage(d: PayloadPageData): string {
  const p = d.payload;
  const data: unknown = JSON.parse(p.canonicalData);
  const fits = findFits(data);
  const text = p.sizeBytes <= MAX_SHOWN_BYTES ? JSON.stringify(data, null, 2) : null;
  return layout(
    `Payload ${p.hash.slice(0, 12)}`,
    html`<h1>Payload <span class="hash">${p.hash}</span></h1>
<dl class="facts">
<dt>record</dt><dd><code>${p.record.name}@${p.record.version}</code></dd>
<dt>size</dt><dd>${p.sizeBytes} bytes of canonical JSON</dd>
<dt>first stored</dt><dd>${when(p.createdAt)}</dd>
<dt>used by</dt><dd>${d.usage.length === 0 ? html`<span class="muted">no global tag</span>` : d.usage.map((u, i) => html`${i > 0 ? ', ' : ''}${gtLink(u.globalTag)} (tag ${tagLink(u.tag)})`)}</dd>
<dt>raw</dt><dd><a href="/api/v1/payloads/${p.hash}">/api/v1/payloads/${p.hash.slice(0, 12)}…</a></dd>
</dl>
<h2>Provenance</h2>
${provenanceFacts(p.provenance)}
<h2>Fit summary</h2>
${fits.length === 0
  ? html`<p class="muted">This payload holds no fit summary.</p>`
  : html`<div id="fits">${fits.map((f) => html`<h3>${f.label ? html`${f.label}: ` : null}<code>${f.path}</code></h3>${fitTable(f.fit)}`)}</div>
${fits.length >= MAX_FITS ? html`<p class="muted">The first ${MAX_FITS} fits.</p>` : null}`}
${d.plots.length > 0 ? html`<h2>Plots</h2>${d.plots.map((pl) => plotBlock(pl.url, pl.name))}` : null}
<h2>Data</h2>
<details${text !== null && p.sizeBytes < 4096 ? html` open` : null}><summary>${p.sizeBytes} bytes</summary>
${text !== null ? html`<pre id="payload-data">${text}</pre>` : html`<p class="muted">Too large to show here: see the raw link above.</p>`}
</details>`,
    { plots: d.plots.length > 0 },
  );
}
