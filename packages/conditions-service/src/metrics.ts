import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, in a registry of its own (two services in one process,
 * as in tests, do not share counters):
 * - `nucal_http_requests_total{route,method,status}` and the latency histogram
 *   `nucal_http_request_duration_seconds{route,method}`;
 * - `nucal_http_not_modified_total{route}`: conditional requests answered 304;
 * - `nucal_resolve_cache_total{result="hit"|"miss"}`: resolutions answered from the service's
 *   cache of answers that can no longer change, and those that went to the database;
 * - `nucal_payload_cache_total{result}`: the same for payload bodies by hash;
 * - the process metrics of prom-client (`nucal_service_process_*`, `nucal_service_nodejs_*`).
 *
 * @example
 * const metrics = new ServiceMetrics();
 * const app = createConditionsService({ db, metrics });
 * const served = await metrics.requestCount(['/api/v1/resolve']);
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'nucal_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'] as const, registers: [this.registry] });
  readonly duration = new Histogram({
    name: 'nucal_http_request_duration_seconds',
    help: 'HTTP request latency (s) by route and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly notModified = new Counter({ name: 'nucal_http_not_modified_total', help: 'conditional requests answered 304 Not Modified', labelNames: ['route'] as const, registers: [this.registry] });
  readonly resolveCache = new Counter({ name: 'nucal_resolve_cache_total', help: 'resolutions answered from the cache of fixed answers (hit) or by the database (miss)', labelNames: ['result'] as const, registers: [this.registry] });
  readonly payloadCache = new Counter({ name: 'nucal_payload_cache_total', help: 'payload bodies answered from memory (hit) or read from the database (miss)', labelNames: ['result'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'nucal_service_' });
  }

  /** Requests counted so far on the routes given (all routes without an argument). */
  async requestCount(routes?: readonly string[]): Promise<number> {
    const m = await this.requests.get();
    return m.values.filter((v) => routes === undefined || routes.includes(String(v.labels.route))).reduce((a, v) => a + v.value, 0);
  }
}
