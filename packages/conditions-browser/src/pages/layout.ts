import { html, type Html } from '../html.js';

/**
 * A whole page: head (style sheet; the vega scripts and the plot script only where a plot is
 * drawn), the navigation bar and the content.
 *
 * @example layout('Tags', html`<h1>Tags</h1>`)
 */
export function layout(title: string, content: Html, options: { plots?: boolean } = {}): string {
  const scripts = options.plots
    ? html`<script src="/static/vega.min.js" defer></script>
<script src="/static/vega-lite.min.js" defer></script>
<script src="/static/vega-embed.min.js" defer></script>
<script src="/static/browser.js" defer></script>`
    : null;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · nucal conditions</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/browser.css">
${scripts}
</head>
<body>
<header><a class="brand" href="/">nucal conditions</a>
<nav><a href="/#global-tags">global tags</a><a href="/#tags">tags</a><a href="/#records">records</a><a href="/diff/tags">diff</a><a href="/api/v1">API</a></nav></header>
<main>
${content}
</main>
</body>
</html>
`.text;
}
