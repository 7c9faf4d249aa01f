/**
 * Benchmark of @nucal/nonlinearity. Prints one JSON object:
 * - the wall time of one full simulate + calibrate at default statistics (9 sources x 100,000
 *   events, K-40 6,000, one month of B-12, 100 mocks per systematic set), split in parts;
 * - the cost of one chi2 evaluation (precomputed kernels and B-12 fold) against a baseline
 *   measured in the same run: the same chi2 computed the direct way (P(E_e) rebinned and
 *   I recomputed at every call, every beta bin folded with its own erf window);
 * - a fixed arithmetic reference loop, so times can be compared across machines.
 * Run: npm run bench -w @nucal/nonlinearity (dependencies built first).
 */
import { silentLogger, silentProgress } from '@nucal/core';
import { createRng, normalCdfFast } from '@nucal/numeric';
import { b12Spectrum } from '@nucal/sources';
import {
  DEFAULT_SOURCES, NonlinearityOptions, SecondariesOptions, b12FolderFromSources, cachedSecondaryDensity, calibrateNonlinearity,
  edgesFromCentres, electronGrid, electronVisibleMeV, nonlinearityChi2, rebinDensity, resolutionSigmaMeV,
  simulateNonlinearitySample, sourceKernel, nonlinearityClosure, DEFAULT_SYSTEMATICS, type NonlinearityOptionsInput, type NonlinParams,
} from '@nucal/nonlinearity';
import { getSource } from '@nucal/sources';

function referenceLoopMs(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 10_000_000; i++) s += Math.exp(-1e-7 * i);
  if (s < 0) console.log(s);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const reference = referenceLoopMs();
  const grid = electronGrid();
  const options = NonlinearityOptions.parse({});
  let t0 = performance.now();
  const sim = simulateNonlinearitySample({}, createRng('bench'), { grid, secondaries: options.secondaries });
  const simulateS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const { result, details } = await calibrateNonlinearity(sim.input, { rng: createRng('bench'), logger: silentLogger, progress: silentProgress }, options, grid);
  const calibrateS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await calibrateNonlinearity(sim.input, { rng: createRng('bench'), logger: silentLogger, progress: silentProgress }, NonlinearityOptions.parse({ systematics: { mocks: 0 } }), grid);
  const calibrateNoMocksS = (performance.now() - t0) / 1000;
  // the band before the B-12 events moved with the systematic effects: the same effects without their b12 mode
  const gammasOnly = DEFAULT_SYSTEMATICS.map(({ b12: _b12, ...e }) => e);
  // band half-width (high - low) / 2 in % at 1, 2, 4, 8 MeV, total and per effect (same mock streams)
  const bandAt = async (effects: NonlinearityOptionsInput['systematics']) => {
    const r = await calibrateNonlinearity(sim.input, { rng: createRng('bench'), logger: silentLogger, progress: silentProgress }, NonlinearityOptions.parse({ systematics: effects, bandEnergyMeV: [1, 2, 4, 8] }), grid);
    const band = r.details.nonlinearity.band;
    const half = (lo: readonly number[], hi: readonly number[]) => lo.map((l, i) => round(50 * (hi[i]! - l), 3));
    return { total: half(band.lowRel, band.highRel), ...Object.fromEntries(band.effects.map((e) => [e.name, half(e.lowRel, e.highRel)])) };
  };
  const bandB12Moved = await bandAt({});
  const bandGammasOnly = await bandAt({ effects: gammasOnly });

  // chi2: the package's form vs the direct form, same data, same parameters
  const secondaries = SecondariesOptions.parse({});
  const resolution = sim.input.resolution!;
  // the calibration's sigma_i (statistical (+) uncorrelated systematics)
  const gammas = details.peaks.map((p) => ({ kernel: sourceKernel(p.source, grid, secondaries), measuredMeV: p.visibleMeV, errorMeV: p.sigmaMeV }));
  const folder = b12FolderFromSources(grid, secondaries, resolution, {}, 0.03);
  // the calibration's own B-12 histogram (90 bins of 0.1 MeV over 3-12 MeV)
  const counts = Float64Array.from(details.curves.b12!.counts);
  const w = 0.1;
  const chi2 = nonlinearityChi2(grid, gammas, { folder, counts });
  const p: NonlinParams = details.params;
  const nFast = 2000;
  let sink = 0;
  t0 = performance.now();
  for (let i = 0; i < nFast; i++) sink += chi2.evaluate({ ...p, p0: p.p0 * (1 + 1e-9 * i) });
  const fastUs = ((performance.now() - t0) * 1000) / nFast;

  const lines = DEFAULT_SOURCES.map((id) => getSource(id).channels.map((c) => ({ fraction: c.probability, lines: c.gammasMeV.map((e) => ({ e, P: cachedSecondaryDensity(e, secondaries) })) })));
  const mix = b12Spectrum({ n12Fraction: 0.03 });
  const direct = (q: NonlinParams): number => {
    let c2 = 0;
    const gammaVis = lines.map((branches) => {
      let v = 0;
      for (const b of branches) {
        for (const l of b.lines) {
          const c = rebinDensity(edgesFromCentres(l.P.energyMeV), l.P.density, grid);
          let num = 0;
          let den = 0;
          for (let k = 0; k < c.length; k++) {
            if (c[k] === 0) continue;
            num += c[k]! * electronVisibleMeV(grid.centresMeV[k]!, q);
            den += c[k]! * grid.centresMeV[k]!;
          }
          v += (b.fraction * l.e * num) / den;
        }
      }
      return v;
    });
    gammaVis.forEach((v, i) => (c2 += ((gammas[i]!.measuredMeV - v) / gammas[i]!.errorMeV) ** 2));
    const anniVis = gammaVis[DEFAULT_SOURCES.indexOf('Ge-68')]!;
    const pred = new Float64Array(90);
    mix.components.forEach((comp) => {
      const shift = comp.betaType === 'plus' ? anniVis : 0;
      const t = mix.kineticEnergyMeV;
      for (let k = 1; k < t.length; k++) {
        const tk = 0.5 * (t[k - 1]! + t[k]!);
        const wgt = comp.weight * 0.5 * (comp.density[k - 1]! + comp.density[k]!) * (t[k]! - t[k - 1]!);
        if (wgt === 0) continue;
        const ev = electronVisibleMeV(tk, q) + shift;
        const s = resolutionSigmaMeV(ev, resolution);
        for (let j = 0; j < 90; j++) pred[j]! += wgt * (normalCdfFast((3 + (j + 1) * w - ev) / s) - normalCdfFast((3 + j * w - ev) / s));
      }
    });
    const tot = pred.reduce((a, b) => a + b, 0);
    const n = counts.reduce((a, b) => a + b, 0);
    for (let j = 0; j < 90; j++) c2 += (counts[j]! - (n * pred[j]!) / tot) ** 2 / Math.max(counts[j]!, 1);
    return c2;
  };
  const nSlow = 5;
  t0 = performance.now();
  for (let i = 0; i < nSlow; i++) sink += direct({ ...p, p0: p.p0 * (1 + 1e-9 * i) });
  const directUs = ((performance.now() - t0) * 1000) / nSlow;
  const chi2Fast = chi2.evaluate(p);
  const chi2Direct = direct(p);

  console.log(
    JSON.stringify({
      benchmark: '@nucal/nonlinearity',
      node: process.version,
      simulateSeconds: round(simulateS),
      calibrateSeconds: round(calibrateS),
      calibrateWithoutMocksSeconds: round(calibrateNoMocksS),
      totalSeconds: round(simulateS + calibrateS),
      targetSeconds: 60,
      mocksPerSet: options.systematics.mocks,
      b12EventsInWindow: result.summary.b12EventsInWindow?.value,
      // closure outside the calibration: the simulation's truth against the fitted f
      maxDeviationFromTruthPercent: round(nonlinearityClosure(sim.truth, { params: details.params, annihilationVisibleMeV: details.energyScale!.annihilationVisibleMeV }).maxDeviation * 100, 4),
      bandMaxPercentInValidity: round(result.summary.bandMaxInValidity!.value, 3),
      chi2: round(result.summary.chi2!.value, 2),
      bandHalfWidthPercent: { energyMeV: [1, 2, 4, 8], b12Moved: bandB12Moved, gammasOnly: bandGammasOnly },
      chi2EvaluationMicroseconds: round(fastUs, 1),
      chi2DirectBaselineMicroseconds: round(directUs, 1),
      chi2SpeedupOverDirect: round(directUs / fastUs, 1),
      chi2Values: { precomputed: round(chi2Fast, 2), direct: round(chi2Direct, 2) },
      referenceLoopMs: round(reference, 1),
      totalInReferenceLoops: round(((simulateS + calibrateS) * 1000) / reference, 1),
      sink: Number.isFinite(sink),
    }),
  );
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

await main();
