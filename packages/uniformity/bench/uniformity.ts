/**
 * Benchmark of @nucal/uniformity. Prints one JSON object:
 * - toy positrons per second through the event loop with map lookups (truth map: the optics
 *   response map resampled by fastResponseTable; reconstruction: E_rec with g_cal from a
 *   finite-point calibration), against the same loop with a constant map and g = 1 measured in
 *   the same run (the ratio is the cost of the lookups); with 8 cm/sqrt(E) vertex smearing and
 *   with true vertices;
 * - the wall time of building the optics response map and of one scenario (finite-points) at
 *   default statistics, and of the whole ladder (skip it with `--no-ladder`);
 * - a fixed arithmetic reference loop, so times can be compared across machines.
 * Run: npm run bench -w @nucal/uniformity (dependencies built first).
 */
import { createRng } from '@nucal/numeric';
import {
  SCENARIO_NAMES, ToyConfigSchema, allocateSample, calibrateFromPoints, measureDarkNoise,
  opticsMapFactory, reconstructEnergies, runLadder, runScenario, scenarioCalibrationPoints, simulatePointData, simulatePointEvents, uniformCalibration,
} from '@nucal/uniformity';

function referenceLoopMs(): number {
  const t0 = performance.now();
  let s = 0;
  for (let i = 0; i < 10_000_000; i++) s += Math.exp(-1e-7 * i);
  if (s < 0) console.log(s);
  return performance.now() - t0;
}

function main(): void {
  const withLadder = !process.argv.includes('--no-ladder');
  const reference = referenceLoopMs();
  let t0 = performance.now();
  const map = opticsMapFactory({}, createRng('uniformity').fork('detector'));
  const mapBuildS = (performance.now() - t0) / 1000;
  const toy = ToyConfigSchema.parse({ vertexSmearingCm: 8 });
  const toyTrueVertex = ToyConfigSchema.parse({});
  const dq = measureDarkNoise(toy, createRng('bench-dark')).offsetPe;
  const cal = calibrateFromPoints(simulatePointData(map, toy, scenarioCalibrationPoints(), 5000, createRng('bench-points')), dq, map.lsRadiusCm);
  const n = 2_000_000;
  const buf = allocateSample(n);
  const eRec = new Float64Array(n);
  const constant = { lsRadiusCm: map.lsRadiusCm, centrePeMeV: map.centrePeMeV, peMeV: () => map.centrePeMeV };
  const flat = uniformCalibration(map.centrePeMeV);
  const loop = (m: typeof map, c: typeof cal | typeof flat, seed: string, settings = toy): number => {
    const t = performance.now();
    simulatePointEvents(m, settings, 4.0, n, 'uniform', createRng(seed), buf);
    reconstructEnergies(buf.chargePe, buf.xCm, buf.yCm, buf.zCm, c, dq, eRec);
    return n / ((performance.now() - t) / 1000);
  };
  loop(map, cal, 'warm-up');
  const withMaps = Math.max(loop(map, cal, 'a'), loop(map, cal, 'b'));
  const baseline = Math.max(loop(constant, flat, 'a'), loop(constant, flat, 'b'));
  const trueVertex = Math.max(loop(map, cal, 'c', toyTrueVertex), loop(map, cal, 'd', toyTrueVertex));
  const trueVertexBaseline = Math.max(loop(constant, flat, 'c', toyTrueVertex), loop(constant, flat, 'd', toyTrueVertex));
  t0 = performance.now();
  const one = runScenario('finite-points', { seed: 'bench', plots: false });
  const scenarioS = (performance.now() - t0) / 1000;
  let ladder: { seconds: number; scenarios: number; table: unknown } | undefined;
  if (withLadder) {
    const l = runLadder({ seed: 'bench', plots: false });
    ladder = { seconds: l.seconds, scenarios: SCENARIO_NAMES.length, table: l.table };
  }
  console.log(
    JSON.stringify(
      {
        referenceLoopMs: reference,
        toyPositronsPerSecond: withMaps,
        baselineConstantMapPerSecond: baseline,
        ratioToBaseline: withMaps / baseline,
        trueVertex: { toyPositronsPerSecond: trueVertex, baselineConstantMapPerSecond: trueVertexBaseline, ratioToBaseline: trueVertex / trueVertexBaseline },
        responseMapBuildS: mapBuildS,
        oneScenario: { name: 'finite-points', eventsPerEnergy: one.settings.eventsPerEnergy, seconds: scenarioS, aEffPct: one.aEff.value },
        ...(ladder ? { ladder } : {}),
      },
      null,
      2,
    ),
  );
}

main();
