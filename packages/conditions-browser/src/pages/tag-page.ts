import type { IovInfo, TagSummary } from '@nucal/conditions-db';
import type { Time } from '@nucal/core';
import { html } from '../html.js';
import { showTime } from '../show-time.js';
import { layout } from './layout.js';
import { gtLink, hashLink, plotBlock, stateBadge, when } from './parts.js';

/** What the tag page shows. */
export interface TagPageData {
  readonly tag: TagSummary;
  /** The first page of effective IOVs, and whether more follow. */
  readonly iovs: readonly IovInfo[];
  readonly more: boolean;
  /** Plots of the tag: the timeline first, then the record's constants over time. */
  readonly plots: readonly { readonly name: string; readonly url: string }[];
  /** The payload plots of the last IOV (the latest constants), when its record has any. */
  readonly latest: { readonly since: Time; readonly plots: readonly { readonly name: string; readonly url: string }[] } | null;
}

/**
 * A tag: its facts, the global tags that use it, its plots (the IOV timeline, the constants
 * over time when its record has such plots, and the plots of its latest payload: a curve, a
 * map) and its IOVs with their payloads.
 */
export function tagPage(d: TagPageData): string {
  const t = d.tag;
  return layout(
    `Tag ${t.name}`,
    html`<h1>Tag ${t.name}</h1>
<dl class="facts">
<dt>record</dt><dd><code>${t.record.name}@${t.record.version}</code></dd>
<dt>time type</dt><dd>${t.timeType}</dd>
<dt>state</dt><dd>${stateBadge(t.state)}${t.lockedAt ? html` since ${when(t.lockedAt)}` : null}</dd>
<dt>back-fill</dt><dd>${t.allowBackfill ? 'allowed' : 'refused (new IOVs start at or after the last since)'}</dd>
<dt>IOVs</dt><dd><span id="iov-count">${t.iovCount}</span> effective (${t.rowCount} row(s) with superseded ones), from ${showTime(t.firstSince)} to ${showTime(t.lastSince)}</dd>
<dt>created</dt><dd>${when(t.createdAt)}</dd>
<dt>description</dt><dd>${t.description || html`<span class="muted">none</span>`}</dd>
<dt>used by</dt><dd>${t.globalTags.length === 0 ? html`<span class="muted">no global tag</span>` : t.globalTags.map((u, i) => html`${i > 0 ? ', ' : ''}${gtLink(u.globalTag)}`)}</dd>
</dl>
<form class="inline" action="/diff/tags" method="get"><input type="hidden" name="left" value="${t.name}"><label>compare with tag <input name="right" required placeholder="tag name"></label><button type="submit">diff</button></form>
<h2>Plots</h2>
${d.plots.map((p) => plotBlock(p.url, p.name))}
${d.latest && d.latest.plots.length > 0 ? html`<h2>Latest constants</h2><p class="muted">The payload of the last IOV, valid from ${showTime(d.latest.since)}.</p>${d.latest.plots.map((p) => plotBlock(p.url, p.name))}` : null}
<h2>IOVs</h2>
${d.more ? html`<p class="muted">The first ${d.iovs.length} IOVs; <a href="/api/v1/tags/${encodeURIComponent(t.name)}/iovs">the API</a> pages through all ${t.iovCount}.</p>` : null}
<table id="iov-list"><thead><tr><th>since</th><th>until</th><th>payload</th><th>inserted</th></tr></thead><tbody>
${d.iovs.map((i) => html`<tr><td>${showTime(i.since)}</td><td>${showTime(i.until)}</td><td>${hashLink(i.hash)}</td><td>${when(i.insertedAt)}</td></tr>\n`)}
</tbody></table>`,
    { plots: d.plots.length > 0 || (d.latest?.plots.length ?? 0) > 0 },
  );
}
