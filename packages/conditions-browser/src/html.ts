/** HTML text that is already safe: markup built by {@link html}, or {@link raw} text. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Markup taken as it is (only for text this package wrote itself). */
export function raw(text: string): Html {
  return new Html(text);
}

type Part = Html | string | number | bigint | boolean | null | undefined | readonly Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.text;
  if (Array.isArray(p)) return p.map(render).join('');
  return escapeHtml(String(p));
}

/**
 * A template of markup where every interpolated value is escaped, unless it is markup itself
 * (another `html` template, or an array of them); `null`, `undefined` and `false` render as
 * nothing, so `${cond && html`...`}` works. Names in the database are user input: nothing from
 * it reaches a page unescaped.
 *
 * @example html`<td>${tag.name}</td>` // a tag named <script> shows as text
 */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}
