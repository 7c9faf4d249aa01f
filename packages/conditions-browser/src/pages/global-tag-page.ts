import type { GlobalTagInfo } from '@nucal/conditions-db';
import { html } from '../html.js';
import { layout } from './layout.js';
import { stateBadge, tagLink, when } from './parts.js';

/** A global tag: its state and snapshot, and the tag it maps each record to. */
export function globalTagPage(g: GlobalTagInfo): string {
  return layout(
    `Global tag ${g.name}`,
    html`<h1>Global tag ${g.name}</h1>
<dl class="facts">
<dt>state</dt><dd>${stateBadge(g.state)}${g.lockedAt ? html` since ${when(g.lockedAt)}` : null}</dd>
<dt>snapshot</dt><dd>${g.snapshot ? html`${when(g.snapshot)} <span class="muted">(IOVs inserted later are not seen through it)</span>` : html`<span class="muted">none: lookups see the latest IOVs</span>`}</dd>
<dt>created</dt><dd>${when(g.createdAt)}</dd>
<dt>description</dt><dd>${g.description || html`<span class="muted">none</span>`}</dd>
</dl>
<form class="inline" action="/diff/global-tags" method="get"><input type="hidden" name="left" value="${g.name}"><label>compare with global tag <input name="right" required placeholder="global tag name"></label><button type="submit">diff</button></form>
<h2>Records</h2>
<table id="entry-list"><thead><tr><th>record</th><th>tag</th></tr></thead><tbody>
${g.entries.map((e) => html`<tr><td><code>${e.record}</code></td><td>${tagLink(e.tag)}</td></tr>\n`)}
</tbody></table>`,
  );
}
