/**
 * The Docker runtime: generate the compose file and collector config for the chosen targets into `.zips/stack/`,
 * build the zips image with dockerode (progress on stderr), `compose up -d`, and wait for health. A failure names
 * the failing service and shows its last log lines; Ctrl-C or a failure takes the project down again.
 */
import { dirname, join } from 'node:path';
import { ComposeClient } from '../../docker/compose-client.js';
import type { DockerProbe } from '../../docker/probe-docker.js';
import { ExternalCommandError, InterruptedError } from '../../errors.js';
import { BASE_IMAGE, resolveImage } from '../../stack/images.js';
import { COMPOSE_FILE, type StackOptions, writeStackFiles, ZIPS_IMAGE } from '../../stack/index.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import { removeStackState, writeStackState } from '../../state/state-file.js';
import { serverEntry } from '../native/native-processes.js';
import type { StackPlan, StartContext } from '../stack-plan.js';
import { renderChecked, stackDirFor, stackOptions } from './docker-stack-files.js';
import { waitHealthy } from './wait-docker-healthy.js';

export async function startDocker(
  plan: StackPlan,
  context: StartContext,
  docker: Extract<DockerProbe, { usable: true }>,
): Promise<RecordedStackState> {
  const repo = serverEntry().root;
  const options = await stackOptions(plan);
  const files = await renderChecked(options);
  await writeStackFiles(repo, files);
  const composeFile = join(repo, stackDirFor(options.projectName), COMPOSE_FILE);
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
        buildArgs: process.env.ZIPS_BASE_IMAGE ? { BASE_IMAGE: resolveImage(BASE_IMAGE) } : undefined,
        signal: context.signal,
        onProgress: (line) => {
          update(line);
          context.reporter.debug(line);
        },
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
