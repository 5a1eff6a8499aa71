/** Status of a native stack: each process alive or not, and its health endpoint's answer. */
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
      return { name, state: 'running', health: ok ? 'healthy' : 'unhealthy', url, pid };
    }),
  );
}
