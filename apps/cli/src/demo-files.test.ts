import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openConditionsDb } from '@nucal/conditions-db';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.test-support.js';
import { clearDemoFiles, DEMO_EXPORT_GLOBAL_TAG } from './demo-files.js';

async function demoLeftovers(dir: string): Promise<{ db: string; exp: string }> {
  const db = join(dir, 'demo.sqlite');
  const exp = join(dir, 'demo-export.sqlite');
  const d = await openConditionsDb({ url: db, create: true, mark: { kind: 'demo' } });
  await d.createGlobalTag({ name: DEMO_EXPORT_GLOBAL_TAG });
  await d.lockGlobalTag(DEMO_EXPORT_GLOBAL_TAG, { snapshot: 'now' });
  await d.exportGlobalTag(DEMO_EXPORT_GLOBAL_TAG, exp);
  await d.close();
  return { db, exp };
}

describe('clearDemoFiles', () => {
  it("deletes a previous demo's database and export", async () => {
    const { db, exp } = await demoLeftovers(tempDir('nucal-demo-files-'));
    await clearDemoFiles(db, exp);
    expect(existsSync(db) || existsSync(exp) || existsSync(`${db}-wal`)).toBe(false);
  });

  it('refuses to delete any file the demo did not make, and deletes nothing then', async () => {
    const dir = tempDir('nucal-demo-files-');
    const { db, exp } = await demoLeftovers(dir);
    const precious = join(dir, 'precious.sqlite');
    writeFileSync(precious, 'my thesis');
    await expect(clearDemoFiles(precious, join(dir, 'new-export.sqlite'))).rejects.toThrow(`--db ${precious} exists and is not a database made by nucal demo: refusing to delete it`);
    await expect(clearDemoFiles(db, precious)).rejects.toThrow(`--export ${precious} exists and is not an export made by nucal demo`);
    expect(readFileSync(precious, 'utf8')).toBe('my thesis');
    expect(existsSync(db)).toBe(true);

    // a real nucal database that is not the demo's, and an export of another global tag
    const other = join(dir, 'other.sqlite');
    const d = await openConditionsDb({ url: other, create: true });
    await d.createGlobalTag({ name: 'reco' });
    await d.lockGlobalTag('reco', { snapshot: 'now' });
    await d.exportGlobalTag('reco', join(dir, 'reco-export.sqlite'));
    await d.close();
    await expect(clearDemoFiles(other, join(dir, 'x.sqlite'))).rejects.toThrow(/is not a database made by nucal demo/);
    await expect(clearDemoFiles(db, join(dir, 'reco-export.sqlite'))).rejects.toThrow(/is not an export made by nucal demo/);
    // the demo's export is not its database, nor the other way round
    await expect(clearDemoFiles(exp, join(dir, 'y.sqlite'))).rejects.toThrow(/is not a database made by nucal demo/);
    expect(existsSync(other) && existsSync(exp)).toBe(true);
  });

  it('refuses a journal without its database and the same path twice', async () => {
    const dir = tempDir('nucal-demo-files-');
    writeFileSync(join(dir, 'd.sqlite-wal'), 'stale');
    await expect(clearDemoFiles(join(dir, 'd.sqlite'), join(dir, 'e.sqlite'))).rejects.toThrow(/d\.sqlite-wal exists without .*d\.sqlite/);
    await expect(clearDemoFiles(join(dir, 'a.sqlite'), join(dir, '.', 'a.sqlite'))).rejects.toThrow(/--db and --export are the same file/);
  });
});
