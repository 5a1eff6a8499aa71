/**
 * The collector's queue volume outlives `zips down` on purpose (what is still queued is sent after the next `up`).
 * Once the stack's state is gone, `zips down --volumes` still has to be able to remove it: this finds it by the
 * labels compose puts on it.
 */

import { defaultStackOptions } from '../../stack/index.js';
import { QUEUE_VOLUME } from '../../stack/render-compose.js';
import { composeProjectName } from './docker-stack-files.js';

/** Removes the compose project's queue volume if there is one; the names removed (none without Docker). */
export async function removeLeftoverQueueVolume(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const { execa } = await import('execa');
  const project = composeProjectName(env.ZIPS_COMPOSE_PROJECT, defaultStackOptions().projectName);
  const listed = await execa(
    'docker',
    [
      'volume',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--filter',
      `label=com.docker.compose.volume=${QUEUE_VOLUME}`,
    ],
    { reject: false },
  );
  const names = listed.exitCode === 0 ? String(listed.stdout).split('\n').filter(Boolean) : [];
  if (names.length === 0) return [];
  const removed = await execa('docker', ['volume', 'rm', ...names], { reject: false });
  return removed.exitCode === 0 ? names : [];
}
