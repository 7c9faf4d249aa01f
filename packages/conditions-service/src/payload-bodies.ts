import type { PayloadInfo } from '@nucal/conditions-db';
import { jsonBody } from './json-body.js';

/** The answer of `GET /api/v1/payloads/<hash>`: its JSON text and ETag (the hash). */
export interface PayloadBody {
  readonly body: string;
  readonly etag: string;
}

/**
 * The JSON text of a payload answer: `{ hash, record, sizeBytes, createdAt, provenance, data }`
 * with `data` spliced in as the stored canonical JSON, byte for byte what the hash was
 * computed from, so a client checks it with core's `payloadHash(record, canonicalJson(data))`.
 */
export function payloadBody(p: PayloadInfo): PayloadBody {
  const head = jsonBody({ hash: p.hash, record: p.record, sizeBytes: p.sizeBytes, createdAt: p.createdAt, provenance: p.provenance });
  return { body: `${head.slice(0, -1)},"data":${p.canonicalData}}`, etag: `"${p.hash}"` };
}

/**
 * Payload answers by hash, kept in memory up to `maxBytes` (oldest first out): payloads never
 * change, so a kept answer is always right.
 */
export class PayloadBodies {
  private readonly bodies = new Map<string, PayloadBody>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(hash: string): PayloadBody | undefined {
    return this.bodies.get(hash);
  }

  add(hash: string, b: PayloadBody): void {
    if (this.bodies.has(hash) || b.body.length > this.maxBytes) return;
    this.bodies.set(hash, b);
    this.bytes += b.body.length;
    for (const [k, v] of this.bodies) {
      if (this.bytes <= this.maxBytes) break;
      this.bodies.delete(k);
      this.bytes -= v.body.length;
    }
  }
}
