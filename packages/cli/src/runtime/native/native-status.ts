/** Status of a native stack: each process alive or not, and its health endpoint's answer. */

import { httpGet } from '../../process/http-get.js';
import { isOurProcess } from '../../process/pid.js';
import { answersOk } from '../../process/wait-for-http.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import type { ServiceStatus } from '../stack-plan.js';

export async function nativeStatus(state: RecordedStackState): Promise<ServiceStatus[]> {
  const services = [
    { name: 'server', url: state.urls.app, health: `${state.urls.app}/readyz` },
    { name: 'collector', url: state.urls.otlpHttp, health: `${state.urls.traceQuery}/healthz` },
  ] as const;
  return Promise.all(
    services.map(async ({ name, url, health }): Promise<ServiceStatus> => {
      const pid = state.pids?.[name];
      const alive = pid !== undefined && isOurProcess(pid, state.commands?.[name]);
      if (!alive) return { name, state: 'exited', health: 'unknown', url, pid, detail: 'process is gone' };
      const ok = await answersOk(health);
      const detail = name === 'collector' && ok ? await forwardingDetail(state.urls.traceQuery) : undefined;
      return {
        name,
        state: 'running',
        health: ok ? 'healthy' : 'unhealthy',
        url,
        pid,
        ...(detail ? { detail } : {}),
      };
    }),
  );
}

interface ForwardStats {
  name: string;
  state: 'ok' | 'failing';
  queuedSpans: number;
  queuedBytes: number;
  droppedSpans: number;
  failedBatches: number;
}

/**
 * The collector's forwarding, one clause per target: its backlog while a target is away, and whatever was lost
 * (e.g. `forward lightstep: failing, 12,400 spans (5.1 MB) waiting, 0 dropped`). Undefined without targets, or when
 * the stats cannot be read (the health line already says whether the collector answers).
 */
async function forwardingDetail(queryUrl: string): Promise<string | undefined> {
  let targets: ForwardStats[];
  try {
    const response = await httpGet(
      new URL('/api/zips/stats', queryUrl),
      { accept: 'application/json' },
      2_000,
    );
    targets = (JSON.parse(response.text) as { forward?: ForwardStats[] }).forward ?? [];
  } catch {
    // Not readable now: status still reports the process and its health.
    return undefined;
  }
  if (targets.length === 0) return undefined;
  const number = (n: number) => n.toLocaleString('en-US');
  return targets
    .map((t) => {
      const waiting =
        t.queuedSpans > 0
          ? `, ${number(t.queuedSpans)} spans (${(t.queuedBytes / 1e6).toFixed(1)} MB) waiting`
          : '';
      const lost = `${number(t.droppedSpans)} spans dropped${t.failedBatches > 0 ? `, ${number(t.failedBatches)} batches refused` : ''}`;
      return `forward ${t.name}: ${t.state}${waiting}, ${lost}`;
    })
    .join('; ');
}
