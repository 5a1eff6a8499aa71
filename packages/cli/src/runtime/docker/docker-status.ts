/** Status of a Docker stack: compose's view of each container, plus the app's readiness from the host. */
import { answersOk } from '../../process/wait-for-http.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import type { ServiceStatus } from '../stack-plan.js';
import { composeForState } from './compose-for-state.js';
import { completedOneShot } from './one-shot-services.js';

export async function dockerStatus(state: RecordedStackState, root: string): Promise<ServiceStatus[]> {
  const compose = await composeForState(state, root);
  const services = await compose.ps();
  const appReady = await answersOk(`${state.urls.app}/readyz`);
  return services.map((service): ServiceStatus => {
    if (completedOneShot(service)) {
      return {
        name: service.service,
        state: 'completed',
        health: 'healthy',
        detail: 'ran once and exited 0',
      };
    }
    const running = service.state === 'running';
    const health =
      service.health === 'healthy' || (service.health === 'none' && running)
        ? 'healthy'
        : service.health === 'none'
          ? 'unknown'
          : 'unhealthy';
    return {
      name: service.service,
      state: running ? 'running' : service.state === 'exited' ? 'exited' : 'unknown',
      health: service.service === 'zips' ? (appReady ? 'healthy' : 'unhealthy') : health,
      detail: service.health !== 'none' ? `container health: ${service.health}` : undefined,
      url: service.service === 'zips' ? state.urls.app : undefined,
    };
  });
}
