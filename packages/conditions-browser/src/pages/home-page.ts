import type { GlobalTagInfo, RecordInfo, TagInfo } from '@nucal/conditions-db';
import { html } from '../html.js';
import { layout } from './layout.js';
import { gtLink, stateBadge, tagLink, when } from './parts.js';

/** What the home page lists. */
export interface HomeData {
  readonly globalTags: readonly GlobalTagInfo[];
  readonly tags: readonly TagInfo[];
  readonly records: readonly RecordInfo[];
  /** `sqlite` or `postgresql`, and whether the service writes. */
  readonly database: string;
}

/**
 * The home page: every global tag (state, snapshot, how many records it maps), every tag
 * (record, time type, state) and every registered record.
 */
export function homePage(d: HomeData): string {
  return layout(
    'Conditions',
    html`<h1>Conditions database</h1>
<p class="muted">${d.database}: ${d.globalTags.length} global tag(s), ${d.tags.length} tag(s), ${d.records.length} record type(s).</p>
<h2 id="global-tags">Global tags</h2>
${d.globalTags.length === 0
  ? html`<p class="muted">No global tag yet.</p>`
  : html`<table id="global-tag-list"><thead><tr><th>name</th><th>state</th><th>snapshot</th><th>records</th><th>created</th><th>description</th></tr></thead><tbody>
${d.globalTags.map((g) => html`<tr><td>${gtLink(g.name)}</td><td>${stateBadge(g.state)}</td><td>${g.snapshot ? when(g.snapshot) : html`<span class="muted">none</span>`}</td><td class="num">${g.entries.length}</td><td>${when(g.createdAt)}</td><td>${g.description}</td></tr>\n`)}
</tbody></table>`}
<h2 id="tags">Tags</h2>
${d.tags.length === 0
  ? html`<p class="muted">No tag yet.</p>`
  : html`<table id="tag-list"><thead><tr><th>name</th><th>record</th><th>time type</th><th>state</th><th>created</th><th>description</th></tr></thead><tbody>
${d.tags.map((t) => html`<tr><td>${tagLink(t.name)}</td><td><code>${t.record.name}@${t.record.version}</code></td><td>${t.timeType}</td><td>${stateBadge(t.state)}</td><td>${when(t.createdAt)}</td><td>${t.description}</td></tr>\n`)}
</tbody></table>`}
<h2 id="records">Records</h2>
<table id="record-list"><thead><tr><th>record</th><th>version</th><th>description</th></tr></thead><tbody>
${d.records.map((r) => html`<tr><td><code>${r.name}</code></td><td class="num">${r.version}</td><td>${r.description}</td></tr>\n`)}
</tbody></table>`,
  );
}
