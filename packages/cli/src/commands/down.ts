/** `zips down`: stop and remove what `zips up` started, in either runtime. Idempotent, and fine after a crash. */
import { rm } from 'node:fs/promises';
import { createReporter, type Reporter } from '../output/reporter.js';
import { runningStack } from '../runtime/running-stack.js';
import { findProjectRoot, logDirFor } from '../state/paths.js';
import { withStackLock } from '../state/stack-lock.js';
import { readStackState } from '../state/state-file.js';
import type { DownOptions } from './options.js';

export async function down(options: DownOptions): Promise<void> {
  const root = findProjectRoot();
  const reporter = createReporter();
  await withStackLock(root, () => stopRecorded(root, options, reporter), {
    onWait: (pid) =>
      reporter.info(`Another zips command (pid ${pid}) is changing this stack; waiting for it.`),
  });
  if (options.volumes) {
    await rm(logDirFor(root), { recursive: true, force: true });
    reporter.info('Removed the log files.');
  }
}

async function stopRecorded(root: string, options: DownOptions, reporter: Reporter): Promise<void> {
  const state = await readStackState(root);
  if (!state) {
    reporter.info('Nothing to stop: no zips stack is recorded for this project.');
    if (options.volumes) {
      const { removeLeftoverQueueVolume } = await import('../runtime/docker/leftover-queue-volume.js');
      const removed = await removeLeftoverQueueVolume();
      if (removed.length > 0) reporter.info(`Removed the collector's queue volume ${removed.join(', ')}.`);
    }
  } else {
    const stopped = await reporter.step(`Stopping the ${state.runtime} stack`, () =>
      runningStack(state, root).down({ volumes: options.volumes }),
    );
    reporter.info(
      stopped.length
        ? `Stopped: ${stopped.join(', ')}.`
        : 'Its processes were already gone; cleaned up the state.',
    );
  }
}
