import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the pages load, served from memory. */
export interface StaticAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const JS = 'text/javascript; charset=utf-8';

/**
 * The files under `/static/`: the browser builds (UMD, minified) of vega, vega-lite and
 * vega-embed as their packages publish them, read from node_modules (no CDN: the pages work
 * offline and in CI), and this package's own script and style sheet (`static/`). Read once,
 * when the browser is registered.
 */
export function loadStaticAssets(): Map<string, StaticAsset> {
  const require = createRequire(import.meta.url);
  const fromPackage = (pkg: string, file: string): Buffer => readFileSync(join(packageRoot(require.resolve(pkg), pkg), file));
  const own = (file: string): Buffer => readFileSync(fileURLToPath(new URL(`../static/${file}`, import.meta.url)));
  return new Map<string, StaticAsset>([
    ['vega.min.js', { body: fromPackage('vega', 'build/vega.min.js'), contentType: JS }],
    ['vega-lite.min.js', { body: fromPackage('vega-lite', 'build/vega-lite.min.js'), contentType: JS }],
    ['vega-embed.min.js', { body: fromPackage('vega-embed', 'build/vega-embed.min.js'), contentType: JS }],
    ['browser.js', { body: own('browser.js'), contentType: JS }],
    ['browser.css', { body: own('browser.css'), contentType: 'text/css; charset=utf-8' }],
  ]);
}

/**
 * The directory of an installed package, from the file its main entry resolves to: the
 * packages' `exports` maps hide both `build/` and `package.json`, so the root is found by
 * walking up to the package.json that names the package.
 */
function packageRoot(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === name) return dir;
  }
  throw new Error(`cannot find the installed package ${name} above ${entry}`);
}
