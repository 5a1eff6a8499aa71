/** Public API of @zips/cli for other packages and tests: the program, its errors and the stack state. */
export { type CommandHandlers, createProgram, lazyHandlers } from './cli.js';
export type * from './commands/options.js';
export {
  DockerUnavailableError,
  ExitCode,
  ExternalCommandError,
  InterruptedError,
  NotFoundError,
  PortBusyError,
  StackNotRunningError,
  UsageError,
  ZipsError,
} from './errors.js';
export {
  findProjectRoot,
  inspectStackState,
  type RecordedStackState,
  readStackState,
  removeStackState,
  type StackState,
  type StackUrls,
  stateDirFor,
  writeStackState,
} from './state/index.js';
