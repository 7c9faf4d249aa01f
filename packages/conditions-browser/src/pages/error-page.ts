import { html } from '../html.js';
import { layout } from './layout.js';

/** A page for a refused request or a missing thing: the message, with a way back. */
export function errorPage(status: number, message: string): string {
  return layout(`Error ${status}`, html`<h1>${status === 404 ? 'Not found' : status >= 500 ? 'Error' : 'Refused'}</h1><p class="error" id="error-message">${message}</p><p><a href="/">back to the lists</a></p>`);
}
