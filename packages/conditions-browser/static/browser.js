// @ts-check
/*
 * The pages' one script. Every element with a `data-plot` attribute names a plot of the
 * browser's API (`/api/v1/plots/...`, a `{ name, title, spec }` answer); the Vega-Lite spec is
 * drawn with vega-embed as SVG, in the same font on every machine, without animation. When all
 * are drawn (or have failed, with the error shown and logged) the body gets
 * `data-plots-ready="true"`, which the end-to-end tests wait for.
 */
/* global vegaEmbed */
(async () => {
  /** Fonts and look: the same as the page's, so the text of a plot does not depend on the machine's default. */
  const config = { font: 'DejaVu Sans', background: '#ffffff' };
  const targets = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[data-plot]')]);
  await Promise.all(
    targets.map(async (el) => {
      const url = el.dataset.plot ?? '';
      try {
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        const body = await res.json();
        if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
        // @ts-ignore vegaEmbed is the global of vega-embed's browser build
        await vegaEmbed(el, body.spec, { renderer: 'svg', config, actions: { export: true, source: true, compiled: false, editor: false } });
        el.dataset.rendered = 'true';
      } catch (err) {
        el.textContent = `plot not drawn: ${err instanceof Error ? err.message : String(err)}`;
        el.classList.add('plot-error');
        el.dataset.rendered = 'error';
        console.error(`plot ${url}:`, err);
      }
    }),
  );
  document.body.dataset.plotsReady = 'true';
})();
