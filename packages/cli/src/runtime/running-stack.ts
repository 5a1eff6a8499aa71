/** A started stack as an object: its recorded state, and `down()` (also via `await using`) to stop it. */
import type { RecordedStackState } from '../state/stack-state.js';
import { removeStackState } from '../state/state-file.js';
import { stopStack } from './stack-control.js';

export interface RunningStack extends AsyncDisposable {
  readonly state: RecordedStackState;
  /** Stops everything and forgets the state; returns what was still running. Safe to call twice. */
  down(options?: { volumes?: boolean }): Promise<string[]>;
}

export function runningStack(state: RecordedStackState, root: string): RunningStack {
  let stopped: Promise<string[]> | undefined;
  const down = (options: { volumes?: boolean } = {}) => {
    stopped ??= stopStack(state, root, options.volumes).then(async (names) => {
      await removeStackState(root);
      return names;
    });
    return stopped;
  };
  return { state, down, [Symbol.asyncDispose]: async () => void (await down()) };
}
