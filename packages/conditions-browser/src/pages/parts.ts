import { html, type Html } from '../html.js';

/** URL of a tag's page. */
export const tagUrl = (name: string): string => `/tags/${encodeURIComponent(name)}`;
/** URL of a global tag's page. */
export const gtUrl = (name: string): string => `/global-tags/${encodeURIComponent(name)}`;
/** URL of a payload's page. */
export const payloadUrl = (hash: string): string => `/payloads/${hash}`;

export const tagLink = (name: string): Html => html`<a href="${tagUrl(name)}">${name}</a>`;
export const gtLink = (name: string): Html => html`<a href="${gtUrl(name)}">${name}</a>`;
/** A payload hash, shortened to 12 digits, linking to the payload (the full hash in its title). */
export const hashLink = (hash: string): Html => html`<a class="hash" href="${payloadUrl(hash)}" title="${hash}">${hash.slice(0, 12)}</a>`;

/** `open` / `locked` as a coloured badge. */
export const stateBadge = (state: string): Html => html`<span class="badge ${state}">${state}</span>`;

/** A database date as UTC text, to the second. */
export const when = (d: Date): Html => html`<time datetime="${d.toISOString()}">${d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time>`;

/** A block where the page script draws the plot at `url` (a `/api/v1/plots/...` answer). */
export const plotBlock = (url: string, name: string): Html => html`<div class="plot" data-plot="${url}" data-plot-name="${name}"></div>`;
