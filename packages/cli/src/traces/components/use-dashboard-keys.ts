import { useApp, useInput } from 'ink';
import { type Dispatch, type SetStateAction, useRef } from 'react';
import {
  type DashboardState,
  type KeyContext,
  type KeyPress,
  reduceKey,
} from '../view-models/dashboard-state.js';
import { splitKeyChunk } from '../view-models/key-chunks.js';

/** Routes Ink key presses through the pure reducer; `q` leaves through Ink's single exit path. */
export function useDashboardKeys(
  state: DashboardState,
  setState: Dispatch<SetStateAction<DashboardState>>,
  context: KeyContext,
): void {
  const { exit } = useApp();
  // Keys can arrive faster than frames: each one must see the state the previous one produced.
  const stateRef = useRef(state);
  stateRef.current = state;
  const contextRef = useRef(context);
  contextRef.current = context;
  useInput((input, key) => {
    const flagged = key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.return || key.escape;
    const presses: KeyPress[] =
      flagged || key.backspace || key.delete || key.ctrl || input.length <= 1
        ? [
            {
              input,
              up: key.upArrow,
              down: key.downArrow,
              pageUp: key.pageUp,
              pageDown: key.pageDown,
              enter: key.return,
              escape: key.escape,
              backspace: key.backspace || key.delete,
              ctrl: key.ctrl,
            },
          ]
        : // Several keys in one chunk: each in order, each seeing the state the one before produced.
          splitKeyChunk(input);
    for (const press of presses) {
      const result = reduceKey(stateRef.current, press, contextRef.current);
      if (result.quit) {
        exit();
        return;
      }
      stateRef.current = result.state;
    }
    setState(stateRef.current);
  });
}
