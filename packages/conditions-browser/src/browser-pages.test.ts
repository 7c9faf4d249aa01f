import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from '../test/chromium.js';
import { DAYS, TAGS, TPCS, UNIFORMITY_POINTS } from '../test/fixture-db.js';
import { browserHarness, type BrowserHarness } from '../test/harness.js';

/*
 * End to end, in a real headless Chromium (Debian's, see test/chromium.ts): the service with the
 * browser on a free port over the fixture database, pages opened as a person would, the SVG
 * that vega-embed draws counted, one plot compared with a stored screenshot.
 */

const REFERENCE = fileURLToPath(new URL('../test/fixtures/lifetime-over-time.png', import.meta.url));
/** Pixels may differ in colour by pixelmatch's 0.1 (anti-aliasing); at most this share of them may differ at all. */
const MAX_DIFF_SHARE = 0.005;

let h: BrowserHarness;
let browser: Chromium;

beforeAll(async () => {
  h = await browserHarness({ listen: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Opens a page and waits until its plots are drawn (the page script marks the body). */
async function open(path: string, { plots = true } = {}) {
  const { page, problems } = await browser.page();
  const res = await page.goto(`${h.url}${path}`);
  if (plots) await page.waitForSelector('body[data-plots-ready="true"]', { timeout: 30_000 });
  return { page, problems, status: res?.status() };
}

describe('conditions browser in Chromium', () => {
  it('the home page lists every global tag and tag, with links, and no console error', async () => {
    const { page, problems, status } = await open('/', { plots: false });
    expect(status).toBe(200);
    expect(await page.locator('#global-tag-list tbody tr').count()).toBe(3);
    expect(await page.locator('#tag-list tbody tr').count()).toBe(Object.keys(TAGS).length);
    expect(await page.locator('#record-list tbody tr').count()).toBe(5);
    await page.getByRole('link', { name: TAGS.lifetime, exact: true }).click();
    await page.waitForSelector('body[data-plots-ready="true"]');
    expect(new URL(page.url()).pathname).toBe(`/tags/${TAGS.lifetime}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a tag page draws its timeline, one bar per IOV, and the lifetime of each TPC, one point per IOV', async () => {
    const { page, problems } = await open(`/tags/${TAGS.lifetime}`);
    expect(await page.locator('[data-plot][data-rendered="true"]').count()).toBe(2);
    // timeline bars: the rect marks of the IOVs (the legend's glyphs have no "since" in their label)
    const bars = page.locator('[data-plot-name="timeline"] svg.marks path[aria-roledescription="rect mark"][aria-label*="since:"]');
    expect(await bars.count()).toBe(DAYS);
    expect(await page.locator('#iov-list tbody tr').count()).toBe(DAYS);
    // data points of the lifetime plot (legend glyphs carry no aria label)
    const points = page.locator('[data-plot-name="lifetime-over-time"] svg.marks path[aria-roledescription="point"][aria-label]');
    expect(await points.count()).toBe(DAYS * TPCS.length);
    expect(await page.locator('[data-plot-name="lifetime-over-time"] svg.marks').textContent()).toContain('electron lifetime τ (ms)');
    expect(problems).toEqual([]);
    // a bar links to its payload
    await bars.first().click();
    await page.waitForURL(/\/payloads\/[0-9a-f]{64}$/);
    await page.waitForSelector('#provenance');
    expect(await page.locator('#fits h3').allTextContents()).toEqual(TPCS.map((t) => `TPC ${t}: entries[${t - 1}].fit`));
    await page.close();
  });

  it('t0 and drift velocity draw one point per IOV and TPC on their tag pages', async () => {
    for (const [tag, name] of [[TAGS.t0, 't0-over-time'], [TAGS.vd, 'drift-velocity-over-time']] as const) {
      const { page, problems } = await open(`/tags/${tag}`);
      expect(await page.locator(`[data-plot-name="${name}"] svg.marks path[aria-roledescription="point"][aria-label]`).count()).toBe(DAYS * TPCS.length);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('a payload page shows its provenance, its fit summary and the non-linearity curve with its band', async () => {
    const hash = (await h.db.listIovs(TAGS.nonlinearity)).items[0]!.hash;
    const { page, problems } = await open(`/payloads/${hash.slice(0, 10)}`);
    expect(new URL(page.url()).pathname).toBe(`/payloads/${hash}`);
    expect(await page.locator('#provenance').textContent()).toContain('juno.nonlinearity');
    const rows = await page.locator('#fits table.fit tbody tr').allTextContents();
    expect(rows.slice(0, 5)).toEqual(['p01.0250 ± 0.0020', 'p10.120 ± 0.010', 'p21.100 ± 0.050', 'p3-0.0120 ± 0.0010', 'χ²/ndof41.2/38']);
    const svg = page.locator('[data-plot-name="electron-nonlinearity"] svg.marks');
    // the band (an area in each panel) and the fitted curve, the electron plot of the calibration
    expect(await svg.locator('path[aria-roledescription="area mark"]').count()).toBeGreaterThanOrEqual(2);
    expect(await svg.locator('path[aria-roledescription="line mark"]').count()).toBeGreaterThanOrEqual(1);
    expect(await svg.textContent()).toContain('Electron non-linearity f = E_vis / E_e');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a tag of curves draws the latest one beside its timeline', async () => {
    const last = (await h.db.listIovs(TAGS.nonlinearity)).items.at(-1)!.hash;
    const { page, problems } = await open(`/tags/${TAGS.nonlinearity}`);
    expect(await page.locator('[data-plot][data-rendered="true"]').count()).toBe(2);
    expect(await page.locator('[data-plot-name="electron-nonlinearity"]').getAttribute('data-plot')).toBe(`/api/v1/plots/payloads/${last}/electron-nonlinearity`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a juno.uniformity payload draws its map: 60 x 60 cells of g and the calibration points', async () => {
    const hash = (await h.db.listIovs(TAGS.uniformity)).items[0]!.hash;
    const { page, problems } = await open(`/payloads/${hash}`);
    const svg = page.locator('[data-plot-name="uniformity-g-map"] svg.marks');
    expect(await svg.locator('path[aria-roledescription="rect mark"][aria-label]').count()).toBe(60 * 60);
    expect(await svg.locator('path[aria-roledescription="point"][aria-label]').count()).toBe(UNIFORMITY_POINTS.length);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a lifetime payload flags its poor fit', async () => {
    const day2 = (await h.db.listIovs(TAGS.lifetime)).items[2]!.hash;
    const { page, problems } = await open(`/payloads/${day2}`, { plots: false });
    const tables = page.locator('#fits table.fit');
    expect(await tables.count()).toBe(3);
    expect(await tables.nth(2).textContent()).toContain('p < 1e-3: poor fit');
    expect(await tables.nth(0).textContent()).not.toContain('poor fit');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the diff of two tags shows the one day where they differ, from the form', async () => {
    const { page, problems } = await open('/diff/tags', { plots: false });
    await page.fill('input[name="left"]', TAGS.lifetime);
    await page.fill('input[name="right"]', TAGS.lifetimeV2);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#diff-result');
    const rows = await page.locator('#diff-list tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(['2026-03-03T00:00:00.000000000Z']);
    expect(await page.locator('#diff-list tbody tr td:nth-child(2)').allTextContents()).toEqual(['2026-03-04T00:00:00.000000000Z']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a missing tag is a page that says so, with status 404', async () => {
    const { page, status } = await open('/tags/no.such-tag', { plots: false });
    expect(status).toBe(404);
    expect(await page.locator('#error-message').textContent()).toMatch(/no\.such-tag/);
    await page.close();
  });

  it('draws the lifetime plot as the stored screenshot (fixed data, viewport, font; tolerance for anti-aliasing)', async () => {
    const { page, problems } = await open(`/tags/${TAGS.lifetime}`);
    const shot = PNG.sync.read(await page.locator('[data-plot-name="lifetime-over-time"]').screenshot({ animations: 'disabled' }));
    expect(problems).toEqual([]);
    await page.close();
    if (process.env.NUCAL_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(REFERENCE, '..'), { recursive: true });
      writeFileSync(REFERENCE, PNG.sync.write(shot));
    }
    expect(existsSync(REFERENCE), `reference ${REFERENCE} missing: run once with NUCAL_UPDATE_SCREENSHOTS=1 and look at it`).toBe(true);
    const ref = PNG.sync.read(readFileSync(REFERENCE));
    expect([shot.width, shot.height]).toEqual([ref.width, ref.height]);
    const diff = new PNG({ width: ref.width, height: ref.height });
    const differing = pixelmatch(ref.data, shot.data, diff.data, ref.width, ref.height, { threshold: 0.1 });
    const share = differing / (ref.width * ref.height);
    if (share > MAX_DIFF_SHARE) {
      const dir = mkdtempSync(join(tmpdir(), 'nucal-screenshot-'));
      writeFileSync(join(dir, 'actual.png'), PNG.sync.write(shot));
      writeFileSync(join(dir, 'diff.png'), PNG.sync.write(diff));
      expect.fail(`${differing} pixels (${(100 * share).toFixed(2)}%) differ from ${REFERENCE}, more than ${100 * MAX_DIFF_SHARE}%: see ${dir}`);
    }
    expect(share).toBeLessThanOrEqual(MAX_DIFF_SHARE);
  });
});
