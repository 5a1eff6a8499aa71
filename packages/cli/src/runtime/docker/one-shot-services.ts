/**
 * Compose services that run once and exit, like the queue volume's owner: exited with 0 they are done, not down.
 */
import type { ComposeServiceState } from '../../docker/compose-client.js';
import { QUEUE_OWNER_SERVICE } from '../../stack/render-compose.js';

const ONE_SHOT_SERVICES: ReadonlySet<string> = new Set([QUEUE_OWNER_SERVICE]);

/** Whether `service` is a one-shot service that has finished its work. */
export function completedOneShot(service: ComposeServiceState): boolean {
  return ONE_SHOT_SERVICES.has(service.service) && service.state === 'exited' && service.exitCode === 0;
}

/** Whether `service` stopped when it should be running (or a one-shot service failed). */
export function stoppedUnexpectedly(service: ComposeServiceState): boolean {
  return (service.state === 'exited' || service.state === 'dead') && !completedOneShot(service);
}
