import { contentHash, sha256 } from '@nucal/core';
import type { CosmicSample } from './cosmic-sample.js';
import type { HitCollection } from './hit-collection.js';

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;

function digest(a: Typed): string {
  return sha256(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function tableDigests(t: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t)) out[k] = ArrayBuffer.isView(v) ? digest(v as Typed) : v;
  return out;
}

/**
 * Content hash of a cosmic sample for provenance: core's `contentHash` over the sample's
 * settings and the sha256 of each typed array's bytes (hashing the arrays as JSON would cost
 * seconds per detector-day).
 *
 * @example cosmicSampleHash(sample) // 64 hex characters
 */
export function cosmicSampleHash(sample: CosmicSample): string {
  return contentHash({
    days: sample.days,
    depthKmwe: sample.depthKmwe,
    module: sample.module,
    response: sample.response,
    wirePitchCm: sample.wirePitchCm,
    maxTrackPitchCm: sample.maxTrackPitchCm,
    tracks: tableDigests(sample.tracks),
    segments: tableDigests(sample.segments),
    hits: tableDigests(sample.hits),
    michel: tableDigests(sample.michel),
  });
}

/**
 * Content hash of a hit collection for provenance (the calibration's input): the settings and
 * the sha256 of each typed array's bytes.
 *
 * @example hitCollectionHash(simulateCosmics({ days: 0.1 }, createRng(1)).hits) // 64 hex characters
 */
export function hitCollectionHash(hits: HitCollection): string {
  return contentHash({
    format: hits.format,
    formatVersion: hits.formatVersion,
    liveDays: hits.liveDays,
    depthKmwe: hits.depthKmwe,
    module: hits.module,
    response: hits.response,
    tickUs: hits.tickUs,
    views: hits.views,
    events: tableDigests(hits.events),
    hits: tableDigests(hits.hits),
  });
}
