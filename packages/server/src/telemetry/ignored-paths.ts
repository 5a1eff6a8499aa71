import type { IncomingMessage } from 'node:http';

// Probes hit these every few seconds; tracing them would bury real traffic and cost throughput.
const UNTRACED = new Set(['/healthz', '/readyz']);

/** True for health-check requests, which produce no spans. */
export function isUntracedRequest(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return UNTRACED.has(query === -1 ? url : url.slice(0, query));
}
