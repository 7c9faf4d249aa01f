import type { GlobalTagDiffEntry, TagDiffEntry } from '@nucal/conditions-db';
import { html, type Html } from '../html.js';
import { showTime } from '../show-time.js';
import { layout } from './layout.js';
import { hashLink, tagLink } from './parts.js';

/** What a diff page shows: the names to choose from, the pair asked for and the result. */
export interface DiffPageData<E> {
  readonly kind: 'tags' | 'global-tags';
  readonly names: readonly string[];
  readonly left?: string;
  readonly right?: string;
  /** Null before both names are given. */
  readonly entries: readonly E[] | null;
  /** Why the comparison was refused (e.g. different time types), shown instead of a result. */
  readonly error?: string;
}

const orNone = (v: string | null, link: (v: string) => Html): Html => (v === null ? html`<span class="muted">none</span>` : link(v));

function form<E>(d: DiffPageData<E>): Html {
  const what = d.kind === 'tags' ? 'tag' : 'global tag';
  return html`<form class="inline" method="get" action="/diff/${d.kind}">
<datalist id="names">${d.names.map((n) => html`<option value="${n}">`)}</datalist>
<label>left ${what} <input name="left" list="names" required value="${d.left ?? ''}"></label>
<label>right ${what} <input name="right" list="names" required value="${d.right ?? ''}"></label>
<button type="submit">compare</button>
<a href="/diff/${d.kind === 'tags' ? 'global-tags' : 'tags'}">compare ${d.kind === 'tags' ? 'global tags' : 'tags'} instead</a>
</form>`;
}

/**
 * The diff of two tags: the intervals where they give different payloads (adjacent equal
 * differences merged), each side's payload linked; empty when they are equivalent.
 */
export function tagDiffPage(d: DiffPageData<TagDiffEntry>): string {
  const title = d.left && d.right ? `Diff ${d.left} ↔ ${d.right}` : 'Diff of two tags';
  return layout(
    title,
    html`<h1>${title}</h1>
${form(d)}
${d.error ? html`<p class="error">${d.error}</p>` : null}
${d.entries === null
  ? null
  : d.entries.length === 0
    ? html`<p id="diff-result">The tags give the same payload at every time.</p>`
    : html`<p id="diff-result">${d.entries.length} interval(s) where ${tagLink(d.left!)} and ${tagLink(d.right!)} differ:</p>
<table id="diff-list"><thead><tr><th>since</th><th>until</th><th>${d.left}</th><th>${d.right}</th></tr></thead><tbody>
${d.entries.map((e) => html`<tr class="differs"><td>${showTime(e.since)}</td><td>${showTime(e.until)}</td><td>${orNone(e.left, hashLink)}</td><td>${orNone(e.right, hashLink)}</td></tr>\n`)}
</tbody></table>`}`,
  );
}

/** The diff of two global tags: the records they map to different tags. */
export function globalTagDiffPage(d: DiffPageData<GlobalTagDiffEntry>): string {
  const title = d.left && d.right ? `Diff ${d.left} ↔ ${d.right}` : 'Diff of two global tags';
  return layout(
    title,
    html`<h1>${title}</h1>
${form(d)}
${d.error ? html`<p class="error">${d.error}</p>` : null}
${d.entries === null
  ? null
  : d.entries.length === 0
    ? html`<p id="diff-result">The global tags map every record to the same tag.</p>`
    : html`<p id="diff-result">${d.entries.length} record(s) mapped differently:</p>
<table id="diff-list"><thead><tr><th>record</th><th>${d.left}</th><th>${d.right}</th></tr></thead><tbody>
${d.entries.map((e) => html`<tr class="differs"><td><code>${e.record}</code></td><td>${orNone(e.left, tagLink)}</td><td>${orNone(e.right, tagLink)}</td></tr>\n`)}
</tbody></table>`}`,
  );
}

