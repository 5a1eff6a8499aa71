/** The compose project a Docker-runtime state file describes, with whichever compose flavour is installed. */

import { ComposeClient, detectCompose } from '../../docker/compose-client.js';
import { DockerUnavailableError } from '../../errors.js';
import type { RecordedStackState } from '../../state/stack-state.js';

export async function composeForState(state: RecordedStackState, root: string): Promise<ComposeClient> {
  if (!state.compose) throw new DockerUnavailableError('The state file has no compose project recorded.');
  const flavour = await detectCompose();
  if (!flavour) {
    throw new DockerUnavailableError(
      'The stack was started with Docker, but neither `docker compose` nor `docker-compose` is available now.',
    );
  }
  return new ComposeClient(flavour, {
    projectName: state.compose.projectName,
    files: state.compose.files,
    cwd: root,
  });
}
