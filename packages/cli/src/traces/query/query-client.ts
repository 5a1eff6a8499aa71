import type { OtlpSpan } from '@zips/collector';
import { decodeTracesJson, OtlpDecodeError } from '@zips/collector';
import { StackNotRunningError, ZipsError } from '../../errors.js';

/** Counters of the embedded collector (`GET /api/zips/stats`); real Jaeger has no such endpoint. */
export interface CollectorStats {
  traces: number;
  spans: number;
  droppedTraces: number;
  droppedSpans: number;
  receivedSpans: number;
}

export interface FindTracesQuery {
  service: string;
  startMin: Date;
  startMax: Date;
  /** `query.num_traces`. */
  limit?: number | undefined;
  /** `query.duration_min`, sent in Go duration syntax (`50ms`). */
  durationMinMs?: number | undefined;
}

export interface QueryClientOptions {
  /** Per-request timeout. @default 5000 */
  timeoutMs?: number;
}

/** A trace fetched by id: the spans plus the body as received, so `--json` can share it unchanged. */
export interface FetchedTrace {
  spans: OtlpSpan[];
  body: unknown;
}

/**
 * Client of Jaeger's api/v3 HTTP API, as served by Jaeger v2 and by zips' embedded trace store. It speaks the
 * snake_case query parameters every Jaeger v2 release accepts and the `{"result": TracesData}` envelope.
 */
export class JaegerQueryClient {
  readonly baseUrl: string;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: QueryClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  async services(): Promise<string[]> {
    const body = await this.#get('/api/v3/services');
    const services = body !== undefined ? (body as { services?: unknown }).services : undefined;
    if (!Array.isArray(services)) return [];
    return services.filter((name): name is string => typeof name === 'string');
  }

  /** Traces of one service that started in the interval; a 404 ("no traces found") is an empty list. */
  async findTraces(query: FindTracesQuery): Promise<OtlpSpan[]> {
    const params = new URLSearchParams({
      'query.service_name': query.service,
      'query.start_time_min': query.startMin.toISOString(),
      'query.start_time_max': query.startMax.toISOString(),
    });
    if (query.limit !== undefined) params.set('query.num_traces', String(query.limit));
    if (query.durationMinMs !== undefined)
      params.set('query.duration_min', `${Math.floor(query.durationMinMs)}ms`);
    const body = await this.#get(`/api/v3/traces?${params}`);
    return body === undefined ? [] : this.#decode(body);
  }

  /** One trace by id, or undefined when the store does not have it. */
  async getTrace(traceId: string): Promise<FetchedTrace | undefined> {
    const body = await this.#get(`/api/v3/traces/${encodeURIComponent(traceId)}`);
    return body === undefined ? undefined : { spans: this.#decode(body), body };
  }

  /** The embedded collector's counters, or undefined when the endpoint is a real Jaeger. */
  async stats(): Promise<CollectorStats | undefined> {
    try {
      const body = (await this.#get('/api/zips/stats')) as Partial<CollectorStats> | undefined;
      return typeof body?.traces === 'number' ? (body as CollectorStats) : undefined;
    } catch (error) {
      // Jaeger answers unknown paths with its UI's HTML page (200) or an error status: neither is fatal here.
      if (error instanceof ZipsError && !(error instanceof StackNotRunningError)) return undefined;
      throw error;
    }
  }

  #decode(body: unknown): OtlpSpan[] {
    try {
      return decodeTracesJson(body);
    } catch (error) {
      if (!(error instanceof OtlpDecodeError)) throw error;
      throw new ZipsError(`${this.baseUrl} returned traces zips cannot read: ${error.message}`, {
        hint: 'Check that --endpoint points at a Jaeger v2 query API (port 16686).',
        cause: error,
      });
    }
  }

  /** GET returning parsed JSON; undefined for 404. */
  async #get(path: string): Promise<unknown> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new StackNotRunningError(
        `No trace query API answers at ${this.baseUrl} (${describeFetchError(error)}).`,
        'Start the stack with `zips up`, check it with `zips doctor`, or pass --endpoint http://host:16686.',
      );
    }
    const text = await response.text();
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new ZipsError(`${url} answered HTTP ${response.status}: ${text.slice(0, 200).trim()}`, {
        hint: 'Check that --endpoint points at a Jaeger v2 query API (port 16686).',
      });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ZipsError(`${url} did not answer with JSON (is this a Jaeger query API?).`, {
        hint: 'Pass the query API base URL, e.g. --endpoint http://127.0.0.1:16686.',
      });
    }
  }
}

function describeFetchError(error: unknown): string {
  // undici hides the reason (ECONNREFUSED, a timeout, "bad port") in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
