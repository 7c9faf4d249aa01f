/**
 * Response-map benchmark: build time of a map per configuration and lookups per second, with
 * a baseline measured in the same run: a plain loop summing a Float32Array of as many elements
 * as there are lookups (the least a lookup can cost: one memory read). Prints one JSON object.
 * Run: npm run bench -w @nucal/optics.
 */
import { createRng } from '@nucal/numeric';
import { buildResponseMap, type ResponseMap } from '../src/index.js';

function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
}

const nominal = time(() => buildResponseMap({ qeRelSpread: 0 }));
// a scenario as the uniformity study builds them: QE spread, 1% dead, absorption -4% (nominal normalisation cached)
const scenario = time(() => buildResponseMap({ absorptionLengthM: 77 * 0.96, deadFraction: 0.01 }, createRng('bench-scenario')));
const asymmetric = time(() => buildResponseMap({ qeRelSpread: 0, deadSplit: [75, 105] }, createRng('bench-dead-split')));

const n = 5_000_000;
const rng = createRng('bench-vertices');
const xs = new Float64Array(n);
const ys = new Float64Array(n);
const zs = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const r = 1770 * Math.cbrt(rng.uniform());
  const c = 2 * rng.uniform() - 1;
  const s = Math.sqrt(1 - c * c);
  const p = 2 * Math.PI * rng.uniform();
  xs[i] = r * s * Math.cos(p);
  ys[i] = r * s * Math.sin(p);
  zs[i] = r * c;
}
const plain = new Float32Array(n);
for (let i = 0; i < n; i++) plain[i] = xs[i]!;

function lookups(map: ResponseMap) {
  let s = 0;
  for (let i = 0; i < n; i++) s += map.peMeV(xs[i]!, ys[i]!, zs[i]!);
  return s;
}
function baseline() {
  let s = 0;
  for (let i = 0; i < n; i++) s += plain[i]!;
  return s;
}
lookups(nominal.value);
lookups(asymmetric.value);
baseline();
const sym = time(() => lookups(nominal.value));
const asym = time(() => lookups(asymmetric.value));
const base = time(() => baseline());

// what the 75:105 dead split does: +y over -y at a few radii on the equator
const m = asymmetric.value;
const split = Object.fromEntries([1000, 1500, 1650, 1750].map((r) => [`${r / 100}m`, +(m.peMeV(0, r, 0) / m.peMeV(0, -r, 0) - 1).toFixed(5)]));
// and averaged over each half of a shell (mirrored points y -> -y)
const hemisphere = Object.fromEntries(
  [1000, 1500, 1650, 1750].map((r) => {
    const h = createRng(`bench-shell-${r}`);
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < 4000; i++) {
      const c = 2 * h.uniform() - 1;
      const s = Math.sqrt(1 - c * c);
      const p = Math.PI * h.uniform();
      plus += m.peMeV(r * s * Math.cos(p), r * s * Math.sin(p), r * c);
      minus += m.peMeV(r * s * Math.cos(p), -r * s * Math.sin(p), r * c);
    }
    return [`${r / 100}m`, +(plus / minus - 1).toFixed(5)];
  }),
);
const g = (r: number, c: number) => +(nominal.value.peMeVSpherical(r, c, 0) / nominal.value.centrePeMeV).toFixed(4);

console.log(
  JSON.stringify({
    build: {
      nominalPhiSymmetricMs: Math.round(nominal.ms),
      nominalCpuMs: Math.round(nominal.cpuMs),
      scenarioMs: Math.round(scenario.ms),
      scenarioCpuMs: Math.round(scenario.cpuMs),
      deadSplit3dMs: Math.round(asymmetric.ms),
      deadSplit3dCpuMs: Math.round(asymmetric.cpuMs),
      nodesPhiSymmetric: nominal.value.grid.values.length,
      nodes3d: asymmetric.value.grid.values.length,
    },
    lookup: {
      lookups: n,
      phiSymmetricPerSecond: Math.round(n / (sym.ms / 1000)),
      phi3dPerSecond: Math.round(n / (asym.ms / 1000)),
      baselineFloat32SumPerSecond: Math.round(n / (base.ms / 1000)),
      phiSymmetricTimeOverBaseline: +(sym.ms / base.ms).toFixed(2),
      phi3dTimeOverBaseline: +(asym.ms / base.ms).toFixed(2),
    },
    shape: {
      centrePeMeV: nominal.value.centrePeMeV,
      gEquator: { '5m': g(500, 0), '10m': g(1000, 0), '15m': g(1500, 0), '15.5m': g(1550, 0), '16m': g(1600, 0), '17m': g(1700, 0), '17.5m': g(1750, 0), '17.7m': g(1770, 0) },
      topOverBottom: { '16m': +(g(1600, 1) / g(1600, -1)).toFixed(4), '17m': +(g(1700, 1) / g(1700, -1)).toFixed(4), '17.5m': +(g(1750, 1) / g(1750, -1)).toFixed(4) },
      scatteredShareCentre: +nominal.value.scatteredShare[0]!.toFixed(3),
      scenarioCentrePeMeV: +scenario.value.centrePeMeV.toFixed(1),
      deadSplitPlusYOverMinusY: split,
      deadSplitHemispherePlusYOverMinusY: hemisphere,
    },
  }),
);
