/**
 * The Docker runtime: generate the compose file and collector config for the chosen targets into `.zips/stack/`,
 * build the zips image with dockerode (progress on stderr), `compose up -d`, and wait for health. A failure names
 * the failing service and shows its last log lines; Ctrl-C or a failure takes the project down again.
 */
import { dirname, join } from 'node:path';
import { ComposeClient } from '../../docker/compose-client.js';
import type { DockerProbe } from '../../docker/probe-docker.js';
import { ExternalCommandError, InterruptedError, UsageError, ZipsError } from '../../errors.js';
import { waitForHttp } from '../../process/wait-for-http.js';
import {
  COMPOSE_FILE,
  defaultStackOptions,
  renderStackFiles,
  type StackOptions,
  writeStackFiles,
  ZIPS_IMAGE,
} from '../../stack/index.js';
import { targetsFromFlags } from '../../stack/targets-from-flags.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import { removeStackState, writeStackState } from '../../state/state-file.js';
import { serverEntry } from '../native/native-processes.js';
import { claimPorts, type PortRequest } from '../ports.js';
import type { StackPlan, StartContext } from '../stack-plan.js';

const stackDir = '.zips/stack';

export async function startDocker(
  plan: StackPlan,
  context: StartContext,
  docker: Extract<DockerProbe, { usable: true }>,
): Promise<RecordedStackState> {
  const repo = serverEntry().root;
  const options = await stackOptions(plan);
  const files = await renderChecked(options);
  await writeStackFiles(repo, files);
  const composeFile = join(repo, stackDir, COMPOSE_FILE);
  const compose = new ComposeClient(docker.compose, {
    projectName: options.projectName,
    files: [composeFile],
    cwd: dirname(composeFile),
  });
  const state = dockerState(plan, options, composeFile);
  try {
    await context.reporter.step(`Building the image ${ZIPS_IMAGE}`, (update) =>
      docker.client.buildImage({
        context: repo,
        tag: ZIPS_IMAGE,
        buildArgs: process.env.ZIPS_BASE_IMAGE ? { BASE_IMAGE: process.env.ZIPS_BASE_IMAGE } : undefined,
        signal: context.signal,
        onProgress: update,
      }),
    );
    await writeStackState(plan.root, state);
    const services = plan.services ?? [];
    await context.reporter.step(
      `Starting ${services.length ? services.join(', ') : 'the compose project'} (${docker.compose.kind === 'v2' ? 'docker compose' : 'docker-compose'})`,
      () => compose.up(services, context.signal).catch(withComposeHint),
    );
    await context.reporter.step('Waiting for the stack to be healthy', () =>
      waitHealthy(compose, state, plan, context),
    );
    state.phase = 'running';
    await writeStackState(plan.root, state);
    return state;
  } catch (error) {
    await compose
      .down(false)
      .catch((downError: unknown) =>
        context.reporter.warn(`could not take the project down: ${String(downError)}`),
      );
    await removeStackState(plan.root);
    if (context.signal.aborted)
      throw new InterruptedError('Interrupted: took down everything `zips up` had started.');
    throw error;
  }
}

/** Most `compose up` failures on a first run are images that cannot be pulled: say what still works. */
function withComposeHint(error: unknown): never {
  if (error instanceof ExternalCommandError) {
    throw new ExternalCommandError(
      error.command,
      error.commandExitCode,
      error.stderrTail,
      'If images could not be pulled (offline?), use `zips up --runtime native`, or `--services zips` to start only the zips container.',
    );
  }
  throw error;
}

/** ZIPS_COMPOSE_PROJECT overrides the compose project name (tests use their own, beside a developer's stack). */
function composeProjectName(fromEnv: string | undefined, fallback: string): string {
  if (!fromEnv) return fallback;
  if (/^[a-z0-9][a-z0-9_-]*$/.test(fromEnv)) return fromEnv;
  throw new UsageError(
    `ZIPS_COMPOSE_PROJECT="${fromEnv}" is not a compose project name.`,
    'Use lower-case letters, digits, "-" and "_", starting with a letter or digit.',
  );
}

/** The generators' validation errors are the user's to fix (e.g. `--no-jaeger` with no other target): exit 2. */
async function renderChecked(options: StackOptions) {
  const { CollectorConfigError } = await import('@zips/collector-config');
  try {
    return renderStackFiles(options, { outDir: stackDir });
  } catch (error) {
    if (!(error instanceof CollectorConfigError)) throw error;
    throw new UsageError(
      `The chosen targets do not make a valid collector configuration:\n${error.message.replace(/^invalid collector configuration:\n/, '')}`,
      'Keep Jaeger on (drop --no-jaeger) or add --lightstep / --otlp-endpoint.',
    );
  }
}

async function stackOptions(plan: StackPlan): Promise<StackOptions> {
  const options = defaultStackOptions();
  options.projectName = composeProjectName(process.env.ZIPS_COMPOSE_PROJECT, options.projectName);
  options.targets = targetsFromFlags({
    jaeger: plan.jaeger,
    lightstep: plan.flags.lightstep,
    otlpEndpoint: plan.flags.otlpEndpoint,
    otlpHeader: plan.flags.otlpHeader,
  });
  const onlyApp = plan.services?.every((s) => s === 'zips') === true;
  const requests: PortRequest[] = [{ what: 'app', port: plan.ports.app, flag: '--port' }];
  if (!onlyApp) {
    requests.push(
      { what: 'collector OTLP/HTTP', port: plan.ports.otlpHttp, flag: '--otlp-port' },
      { what: 'Jaeger UI', port: plan.ports.traceQuery, flag: '--ui-port' },
      { what: 'collector OTLP/gRPC', port: options.ports.otlpGrpc, flag: '(fixed) ' },
      { what: 'collector health check', port: options.ports.collectorHealth, flag: '(fixed) ' },
    );
  }
  const [app = 0, otlpHttp = plan.ports.otlpHttp, jaegerUi = plan.ports.traceQuery] =
    await claimPorts(requests);
  options.ports = { ...options.ports, app, otlpHttp, jaegerUi };
  return options;
}

function dockerState(plan: StackPlan, options: StackOptions, composeFile: string): RecordedStackState {
  const ui = `http://127.0.0.1:${options.ports.jaegerUi}`;
  return {
    version: 1,
    runtime: 'docker',
    startedAt: new Date().toISOString(),
    urls: {
      app: `http://127.0.0.1:${options.ports.app}`,
      traceUi: ui,
      traceQuery: ui,
      otlpHttp: `http://127.0.0.1:${options.ports.otlpHttp}`,
    },
    compose: { projectName: options.projectName, files: [composeFile] },
    ports: { app: options.ports.app, otlpHttp: options.ports.otlpHttp, traceQuery: options.ports.jaegerUi },
    targets: plan.targets.summaries,
    phase: 'starting',
  };
}

async function waitHealthy(
  compose: ComposeClient,
  state: RecordedStackState,
  plan: StackPlan,
  context: StartContext,
): Promise<void> {
  const crashed = watchForExit(compose, context.signal);
  const healthy = await waitForHttp(`${state.urls.app}/readyz`, {
    timeoutMs: plan.timeoutMs,
    signal: context.signal,
    givesUp: crashed.promise,
  });
  crashed.stop();
  if (healthy) return;
  const services = await compose.ps();
  const failing =
    services.find((s) => s.state !== 'running' || s.health === 'unhealthy') ??
    services.find((s) => s.service === 'zips');
  const name = failing?.service ?? 'zips';
  const logs = await compose.logs(name, { tail: 20 }).catch(() => '');
  const why = failing
    ? `is ${failing.state}${failing.health !== 'none' ? ` (${failing.health})` : ''}`
    : 'did not become healthy';
  throw new ZipsError(
    `The stack did not become healthy within ${plan.timeoutMs / 1000}s: service "${name}" ${why}.${logs.trim() ? `\nLast log lines of ${name}:\n${logs.trimEnd()}` : ''}`,
    { hint: `See \`zips logs ${name}\`, fix the cause, then \`zips down\` and \`zips up\` again.` },
  );
}

/** Polls compose every 2s; the promise resolves when a container has exited, so waiting stops early. */
function watchForExit(
  compose: ComposeClient,
  signal: AbortSignal,
): { promise: Promise<void>; stop: () => void } {
  let stopped = false;
  const promise = (async () => {
    while (!stopped && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const services = await compose.ps().catch(() => []);
      if (services.some((s) => s.state === 'exited' || s.state === 'dead')) return;
    }
    await new Promise(() => undefined); // never settles once stopped: only an exit should end the wait early
  })();
  return { promise, stop: () => (stopped = true) };
}
