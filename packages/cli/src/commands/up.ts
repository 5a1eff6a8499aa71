/** `zips up`: start the stack in the chosen runtime, return when healthy (or stay attached), print where to look. */
import { createReporter, type Reporter } from '../output/reporter.js';
import { answersOk } from '../process/wait-for-http.js';
import { chooseRuntime } from '../runtime/choose-runtime.js';
import { runningStack } from '../runtime/running-stack.js';
import { stopStack } from '../runtime/stack-control.js';
import type { StackPlan, StartContext } from '../runtime/stack-plan.js';
import { type ResolvedTargets, resolveTargets } from '../runtime/targets.js';
import { inspectStackState } from '../state/inspect-state.js';
import { findProjectRoot } from '../state/paths.js';
import { withStackLock } from '../state/stack-lock.js';
import type { RecordedStackState } from '../state/stack-state.js';
import { readStackState, removeStackState } from '../state/state-file.js';
import { withInterrupt } from './interrupt.js';
import type { UpOptions } from './options.js';
import { printStackSummary } from './up-summary.js';

export async function up(options: UpOptions): Promise<void> {
  const root = findProjectRoot();
  const reporter = createReporter();
  const targets = resolveTargets(options);
  // Under the project lock: a concurrent `zips up` waits and then finds this stack instead of starting another.
  const state = await withInterrupt((signal) =>
    withStackLock(root, () => ensureStack(root, options, targets, { reporter, signal }), {
      signal,
      onWait: (pid) =>
        reporter.info(`Another zips command (pid ${pid}) is changing this stack; waiting for it.`),
    }),
  );
  printStackSummary(state, options.json);
  if (options.attach) await attach(state, root, reporter);
}

async function ensureStack(
  root: string,
  options: UpOptions,
  targets: ResolvedTargets,
  context: StartContext,
): Promise<RecordedStackState> {
  const { reporter } = context;
  const running = await liveRecordedStack(root, reporter);
  if (running) {
    reporter.info(`The stack is already running (${running.runtime} runtime, started ${running.startedAt}).`);
    reporter.info('Run `zips down` first to restart it with other options.');
    return running;
  }
  const decision = await chooseRuntime(
    options.runtime,
    { services: options.services, jaeger: options.jaeger },
    context,
  );
  reporter.info(`Runtime: ${decision.runtime} (${decision.reason})`);
  if (decision.advice) reporter.info(decision.advice);
  for (const note of ignoredOptions(decision.runtime, options)) reporter.warn(note);
  const plan: StackPlan = {
    root,
    ports: { app: options.port, otlpHttp: options.otlpPort, traceQuery: options.uiPort },
    jaeger: options.jaeger,
    flags: options,
    targets,
    timeoutMs: options.timeout * 1000,
    maxTraces: options.maxTraces,
    services: options.services,
  };
  return start(decision, plan, context);
}

/** Options that mean nothing in the chosen runtime: said out loud rather than silently dropped. */
function ignoredOptions(runtime: 'docker' | 'native', options: UpOptions): string[] {
  if (runtime === 'docker') {
    return options.maxTraces ? ['--max-traces only applies to the native runtime; ignored.'] : [];
  }
  const notes: string[] = [];
  if (options.services) notes.push('--services only applies to the Docker runtime; ignored.');
  if (!options.jaeger) notes.push('--no-jaeger: the native runtime always keeps its embedded trace store.');
  return notes;
}

async function start(
  decision: Awaited<ReturnType<typeof chooseRuntime>>,
  plan: StackPlan,
  context: StartContext,
): Promise<RecordedStackState> {
  if (decision.runtime === 'native') {
    const { startNative } = await import('../runtime/native/start-native.js');
    return startNative(plan, context);
  }
  const { startDocker } = await import('../runtime/docker/start-docker.js');
  if (!decision.docker) throw new Error('Docker runtime chosen without a Docker probe');
  return startDocker(plan, context, decision.docker);
}

/** The recorded stack if it is really running; stale state from a crash is cleaned up on the way. */
async function liveRecordedStack(root: string, reporter: Reporter): Promise<RecordedStackState | undefined> {
  const state = await readStackState(root);
  if (!state) return undefined;
  const inspection = inspectStackState(state);
  // Containers leave no pids to check: a Docker stack whose app does not answer is treated as gone too.
  const dockerGone = state.runtime === 'docker' && !(await answersOk(`${state.urls.app}/readyz`));
  if (!inspection.stale && !dockerGone) return state;
  const gone = inspection.gone.length
    ? ` (${inspection.gone.join(', ')} gone)`
    : dockerGone
      ? ' (the app does not answer)'
      : '';
  reporter.warn(
    `Found state of a stack that is no longer running${gone}, probably after a crash: cleaning it up.`,
  );
  await stopStack(state, root);
  await removeStackState(root);
  return undefined;
}

/** Foreground mode: stream the logs until Ctrl-C, then stop everything. */
async function attach(state: RecordedStackState, root: string, reporter: Reporter): Promise<void> {
  const { streamLogs } = await import('./logs.js');
  // The Ctrl-C handler is in place before the prompt to press it is printed (a test caught a SIGINT that landed
  // in between and ended the CLI without stopping the stack).
  await withInterrupt(
    (signal) => {
      reporter.info('Attached: streaming logs. Press Ctrl-C to stop the stack.');
      return streamLogs(state, root, undefined, { follow: true, lines: 0 }, signal);
    },
    { interruptIsSuccess: true },
  );
  await reporter.step('Stopping the stack', () => runningStack(state, root).down());
}
