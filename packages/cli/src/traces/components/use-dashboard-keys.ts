import { useApp, useInput } from 'ink';
import { type Dispatch, type SetStateAction, useRef } from 'react';
import { type DashboardState, type KeyContext, reduceKey } from '../view-models/dashboard-state.js';

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
    const result = reduceKey(
      stateRef.current,
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
      contextRef.current,
    );
    if (result.quit) {
      exit();
      return;
    }
    stateRef.current = result.state;
    setState(result.state);
  });
}
