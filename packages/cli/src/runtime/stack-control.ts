/** Runtime-independent operations on a recorded stack; Docker code is imported only for Docker stacks. */
import type { RecordedStackState } from '../state/stack-state.js';
import type { ServiceStatus } from './stack-plan.js';

/** Stops everything the state describes; returns what was running. Safe on stale state. */
export async function stopStack(state: RecordedStackState, root: string, volumes = false): Promise<string[]> {
  if (state.runtime === 'native') {
    const { stopNative } = await import('./native/stop-native.js');
    return stopNative(state);
  }
  const { composeForState } = await import('./docker/compose-for-state.js');
  const compose = await composeForState(state, root);
  await compose.down(volumes);
  return ['docker compose project'];
}

export async function stackStatus(state: RecordedStackState, root: string): Promise<ServiceStatus[]> {
  if (state.runtime === 'native') {
    const { nativeStatus } = await import('./native/native-status.js');
    return nativeStatus(state);
  }
  const { dockerStatus } = await import('./docker/docker-status.js');
  return dockerStatus(state, root);
}
