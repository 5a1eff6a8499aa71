/** The stack state: what `zips up` started, where it lives, and whether it is still true. */
export { inspectStackState, type StateInspection } from './inspect-state.js';
export { findProjectRoot, logDirFor, stateDirFor, stateFileFor } from './paths.js';
export type { RecordedStackState, RuntimeKind, StackState, StackUrls, TargetSummary } from './stack-state.js';
export { readStackState, removeStackState, writeStackState } from './state-file.js';
