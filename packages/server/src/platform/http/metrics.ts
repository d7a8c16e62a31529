/** Prometheus metrics at /metrics: process defaults, HTTP requests and domain events by type. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext } from '../context.ts';

export function createMetrics(ctx: AppContext) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'seatline_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const events = new Counter({
    name: 'seatline_domain_events_total',
    help: 'Domain events recorded in the outbox, by type',
    labelNames: ['type'],
    registers: [registry],
  });
  ctx.events.listen((event) => events.inc({ type: event.type }));
  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    observeRequest(route: string, method: string, status: number, elapsedMs: number) {
      requests.observe({ route, method, status: String(status) }, elapsedMs / 1000);
    },
  };
}
