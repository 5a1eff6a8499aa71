import { UsageError } from '../../errors.js';
import { readStackState } from '../../state/state-file.js';

/** Where traces are read from, and how zips found it (shown in the dashboard header and in errors). */
export interface TraceSource {
  url: string;
  /** `--endpoint`, the running stack's state, or the Jaeger default port. */
  origin: 'flag' | 'state' | 'default';
  /** e.g. `native store http://127.0.0.1:16686` */
  label: string;
}

export const defaultQueryUrl = 'http://127.0.0.1:16686';

/** `--endpoint` wins, then the stack zips started (`.zips/state.json`), then Jaeger's default port. */
export async function resolveTraceSource(endpoint: string | undefined): Promise<TraceSource> {
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UsageError(
        `--endpoint "${endpoint}" is not a URL.`,
        'Pass the query API base URL, e.g. --endpoint http://127.0.0.1:16686.',
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UsageError(`--endpoint "${endpoint}" must be an http:// or https:// URL.`);
    }
    const base = url.href.replace(/\/+$/, '');
    return { url: base, origin: 'flag', label: base };
  }
  const state = await readStackState();
  if (state) {
    const kind = state.runtime === 'native' ? 'native store' : 'jaeger (docker)';
    return { url: state.urls.traceQuery, origin: 'state', label: `${kind} ${state.urls.traceQuery}` };
  }
  return { url: defaultQueryUrl, origin: 'default', label: `jaeger ${defaultQueryUrl} (default)` };
}
