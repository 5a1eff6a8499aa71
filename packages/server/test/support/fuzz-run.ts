/** Sends generated requests to a running server, a few at a time, and checks every answer. */

import { seededRandom } from '@zips/test-support/prng';
import { type RawRequest, sendRaw } from '@zips/test-support/raw-http';
import { generateRequest } from './fuzz-inputs.js';
import { checkResponse } from './fuzz-oracle.js';

export interface FuzzOptions {
  port: number;
  count: number;
  seed: number;
  /** Requests in flight at once. @default 8 */
  concurrency?: number;
}

export interface FuzzFailure {
  index: number;
  request: { method: string; target: string; headers: string[] };
  problems: string[];
}

export interface FuzzSummary {
  sent: number;
  byStatus: Record<string, number>;
  failures: FuzzFailure[];
}

/** Runs `count` requests generated from `seed`; request `i` is the same for the same seed whatever the timing. */
export async function runFuzz({ port, count, seed, concurrency = 8 }: FuzzOptions): Promise<FuzzSummary> {
  const random = seededRandom(seed);
  const requests: RawRequest[] = Array.from({ length: count }, () => generateRequest(random));
  const byStatus: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index] as RawRequest;
      let problems: string[];
      try {
        const response = await sendRaw(port, request);
        byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
        problems = checkResponse(request, response);
      } catch (error) {
        if (isResetOfOversizeRequest(request, error)) {
          // Node answers 431 and closes while the client is still sending; the unread bytes make the kernel reset
          // the connection, which can discard the 431 before the client reads it. The request was refused either way.
          byStatus.reset = (byStatus.reset ?? 0) + 1;
          continue;
        }
        byStatus.error = (byStatus.error ?? 0) + 1;
        problems = [`no well-formed response: ${(error as Error).message}`];
      }
      if (problems.length > 0) failures.push({ index, request: describe(request), problems });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent: count, byStatus, failures };
}

/** Node's default limit on the request line plus headers (`--max-http-header-size`). */
const MAX_HEADER_BYTES = 16 * 1024;

function isResetOfOversizeRequest(request: RawRequest, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  const size =
    request.target.length +
    request.headers.reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  return (code === 'ECONNRESET' || code === 'EPIPE') && size > MAX_HEADER_BYTES;
}

function describe(request: RawRequest): FuzzFailure['request'] {
  return {
    method: request.method,
    target: request.target.slice(0, 300),
    headers: request.headers.map(([name, value]) => `${name}: ${value.slice(0, 120)}`),
  };
}
