#!/usr/bin/env node
// Module boundaries from the nx project tags in each package.json (`nx.tags`):
//   type:core       -> no nucal dependency
//   type:numeric    -> core
//   type:conditions -> core
//   type:physics    -> core, numeric, physics packages of the same or a lower layer
//                      (layer:base < layer:calibration)
//   type:service    -> core, numeric, conditions (services over the conditions database)
//   type:ui         -> any package but an app (pages over the services, plots of every physics package)
//   type:app        -> any package, never another app
// Both the declared dependencies and the `@nucal/*` imports in src/ are checked, so an
// import that bypasses package.json is caught too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAYERS = ['layer:base', 'layer:calibration'];
const ALLOWED = {
  'type:core': () => false,
  'type:numeric': (dep) => dep.type === 'type:core',
  'type:conditions': (dep) => dep.type === 'type:core',
  'type:physics': (dep, self) =>
    dep.type === 'type:core' || dep.type === 'type:numeric' || (dep.type === 'type:physics' && dep.layer <= self.layer),
  'type:service': (dep) => dep.type === 'type:core' || dep.type === 'type:numeric' || dep.type === 'type:conditions',
  'type:ui': (dep) => dep.type !== 'type:app',
  'type:app': (dep) => dep.type !== 'type:app',
};

/** Reads the workspace projects under `root`. */
export function readProjects(root) {
  const projects = new Map();
  for (const group of ['packages', 'apps', 'tools']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const pj = join(dir, name, 'package.json');
      if (!existsSync(pj)) continue;
      const json = JSON.parse(readFileSync(pj, 'utf8'));
      const tags = json.nx?.tags ?? [];
      projects.set(json.name, {
        name: json.name,
        dir: join(dir, name),
        type: tags.find((t) => t.startsWith('type:')),
        layer: LAYERS.indexOf(tags.find((t) => t.startsWith('layer:')) ?? ''),
        deps: Object.keys({ ...json.dependencies, ...json.peerDependencies }).filter((d) => d.startsWith('@nucal/')),
      });
    }
  }
  return projects;
}

function importsOf(dir) {
  const found = new Set();
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|mts|js|mjs)$/.test(f)) for (const m of readFileSync(p, 'utf8').matchAll(/from\s+['"](@nucal\/[a-z0-9-]+)['"]/g)) found.add(m[1]);
    }
  };
  if (existsSync(join(dir, 'src'))) walk(join(dir, 'src'));
  return found;
}

/** Every boundary violation in the workspace, as messages. */
export function checkBoundaries(root) {
  const projects = readProjects(root);
  const problems = [];
  for (const p of projects.values()) {
    if (!ALLOWED[p.type]) {
      problems.push(`${p.name}: no known type tag (nx.tags needs one of ${Object.keys(ALLOWED).join(', ')})`);
      continue;
    }
    if (p.type === 'type:physics' && p.layer < 0) problems.push(`${p.name}: physics package without a layer tag (${LAYERS.join(' or ')})`);
    for (const d of p.deps) {
      const dep = projects.get(d);
      if (!dep) problems.push(`${p.name} depends on ${d}, which is not a workspace package`);
      else if (!ALLOWED[p.type](dep, p)) problems.push(`${p.name} (${p.type}) may not depend on ${d} (${dep.type}${dep.layer >= 0 ? `, ${LAYERS[dep.layer]}` : ''})`);
    }
    for (const i of importsOf(p.dir)) {
      if (i !== p.name && !p.deps.includes(i)) problems.push(`${p.name} imports ${i} without declaring it in package.json`);
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url));
  const problems = checkBoundaries(root);
  if (problems.length) {
    console.error(`module boundaries: ${problems.length} violation(s)\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`module boundaries: ${readProjects(root).size} projects, no violations`);
}
