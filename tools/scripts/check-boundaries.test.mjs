import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from './check-boundaries.mjs';

function workspace(pkgs) {
  const root = mkdtempSync(join(tmpdir(), 'nucal-ws-'));
  for (const [dir, json, src] of pkgs) {
    mkdirSync(join(root, dir, 'src'), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(json));
    writeFileSync(join(root, dir, 'src', 'index.ts'), src ?? '');
  }
  return root;
}

describe('module boundaries', () => {
  it('the repository has none', () => {
    expect(checkBoundaries(fileURLToPath(new URL('../..', import.meta.url)))).toEqual([]);
  });
  it('catches upward, cross-type and undeclared dependencies', () => {
    const root = workspace([
      ['packages/core', { name: '@nucal/core', nx: { tags: ['type:core'] } }],
      ['packages/conditions-db', { name: '@nucal/conditions-db', dependencies: { '@nucal/optics': '0' }, nx: { tags: ['type:conditions'] } }],
      ['packages/optics', { name: '@nucal/optics', dependencies: { '@nucal/cosmics': '0' }, nx: { tags: ['type:physics', 'layer:base'] } }],
      ['packages/cosmics', { name: '@nucal/cosmics', nx: { tags: ['type:physics', 'layer:calibration'] } }, "import { x } from '@nucal/optics';"],
    ]);
    expect(checkBoundaries(root).sort()).toEqual([
      '@nucal/conditions-db (type:conditions) may not depend on @nucal/optics (type:physics, layer:base)',
      '@nucal/cosmics imports @nucal/optics without declaring it in package.json',
      '@nucal/optics (type:physics) may not depend on @nucal/cosmics (type:physics, layer:calibration)',
    ]);
  });
  it('lets a service depend on core, numeric and conditions, nothing else', () => {
    const root = workspace([
      ['packages/core', { name: '@nucal/core', nx: { tags: ['type:core'] } }],
      ['packages/numeric', { name: '@nucal/numeric', nx: { tags: ['type:numeric'] } }],
      ['packages/conditions-db', { name: '@nucal/conditions-db', nx: { tags: ['type:conditions'] } }],
      ['packages/optics', { name: '@nucal/optics', nx: { tags: ['type:physics', 'layer:base'] } }],
      ['packages/conditions-service', { name: '@nucal/conditions-service', dependencies: { '@nucal/core': '0', '@nucal/numeric': '0', '@nucal/conditions-db': '0', '@nucal/optics': '0' }, nx: { tags: ['type:service'] } }],
    ]);
    expect(checkBoundaries(root)).toEqual(['@nucal/conditions-service (type:service) may not depend on @nucal/optics (type:physics, layer:base)']);
  });
});
