/**
 * Sources benchmark: building the B-12 spectrum and sampling lepton energies from it, with a
 * baseline of plain uniform draws in the same run; planning the comprehensive campaign, with the
 * CLS template it starts from as the baseline. Prints one JSON object.
 * Run: npm run bench -w @nucal/sources (dependencies built to dist).
 */
import { createRng } from '@nucal/numeric';
import { clsTemplatePoints, lsDetector } from '@nucal/geometry';
import { b12Spectrum, builtinCampaign, planCampaign, sampleBeta } from '../src/index.js';

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

b12Spectrum();
const builds = 20;
const build = time(() => {
  let s = b12Spectrum();
  for (let i = 1; i < builds; i++) s = b12Spectrum();
  return s;
});
const draw = sampleBeta(build.value);
const n = 2_000_000;
const rng = createRng('bench-sample');
const sampling = time(() => {
  let s = 0;
  for (let i = 0; i < n; i++) s += draw(rng);
  return s;
});
const base = createRng('bench-uniform');
const baseline = time(() => {
  let s = 0;
  for (let i = 0; i < n; i++) s += base.uniform();
  return s;
});
const cd = lsDetector();
const comprehensive = builtinCampaign('comprehensive');
// median of repeated runs: one plan is a few ms, short enough for the machine's noise to show
const median = (f: () => unknown, n = 9) => {
  const ms = Array.from({ length: n }, () => time(f).ms).sort((a, b) => a - b);
  return ms[n >> 1]!;
};
const plan = { ms: median(() => planCampaign(comprehensive, cd)) };
const template = { ms: median(() => clsTemplatePoints(cd, createRng(comprehensive.cls.templateSeed))) };
console.log(
  JSON.stringify({
    b12SpectrumBuildMs: build.ms / builds,
    gridPoints: build.value.kineticEnergyMeV.length,
    samplesPerSecond: Math.round(n / (sampling.ms / 1000)),
    baselineUniformsPerSecond: Math.round(n / (baseline.ms / 1000)),
    sampleTimeOverUniformTime: sampling.ms / baseline.ms,
    comprehensivePlanMs: Number(plan.ms.toFixed(1)),
    clsTemplateMs: Number(template.ms.toFixed(2)),
    planTimeOverTemplateTime: Number((plan.ms / template.ms).toFixed(0)),
  }),
);
