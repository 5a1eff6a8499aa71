/**
 * The native runtime: the embedded collector and the zips server as detached background processes, recorded in
 * the state file as soon as each exists, so Ctrl-C, a failed health check or a crash never leaves one behind.
 */
import { join } from 'node:path';
import { InterruptedError, ZipsError } from '../../errors.js';
import { lastLines } from '../../process/log-files.js';
import { type Daemon, spawnDaemon } from '../../process/spawn-daemon.js';
import { stopProcess } from '../../process/stop-process.js';
import { waitForHttp } from '../../process/wait-for-http.js';
import { logDirFor } from '../../state/paths.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import { removeStackState, writeStackState } from '../../state/state-file.js';
import { claimPorts } from '../ports.js';
import type { StackPlan, StartContext } from '../stack-plan.js';
import {
  collectorEntry,
  collectorSpec,
  type NativePorts,
  serverEntry,
  serverSpec,
} from './native-processes.js';

export async function startNative(plan: StackPlan, context: StartContext): Promise<RecordedStackState> {
  const ports = await claimNativePorts(plan);
  const logDir = logDirFor(plan.root);
  const state = initialState(plan, ports, logDir);
  const started: number[] = [];
  try {
    const collector = collectorSpec({
      ports,
      logFile: join(logDir, 'collector.log'),
      env: process.env,
      forwards: plan.targets.forwards,
      secretEnv: plan.targets.env,
      maxTraces: plan.maxTraces,
    });
    await context.reporter.step(
      `Starting the embedded collector on :${ports.otlpHttp} (query :${ports.traceQuery})`,
      async () => {
        context.reporter.debug(`spawn ${collector.command} ${collector.args.join(' ')}`);
        const daemon = spawnDaemon(collector);
        started.push(daemon.pid);
        state.pids = { ...state.pids, collector: daemon.pid };
        await writeStackState(plan.root, state);
        await waitHealthy(
          'collector',
          `${state.urls.traceQuery}/healthz`,
          daemon,
          collector.logFile,
          plan,
          context,
        );
      },
    );
    const secretEnv = plan.targets.forwards.flatMap((forward) => forward.headers.map((header) => header.env));
    const server = serverSpec(ports, join(logDir, 'server.log'), process.env, secretEnv);
    await context.reporter.step(`Starting the zips server on :${ports.app}`, async () => {
      context.reporter.debug(`spawn ${server.command} ${server.args.join(' ')}`);
      const daemon = spawnDaemon(server);
      started.push(daemon.pid);
      state.pids = { ...state.pids, server: daemon.pid };
      await writeStackState(plan.root, state);
      await waitHealthy('server', `${state.urls.app}/readyz`, daemon, server.logFile, plan, context);
    });
    state.phase = 'running';
    await writeStackState(plan.root, state);
    return state;
  } catch (error) {
    // Stop in reverse order: the server first, so its last spans can still reach the collector.
    for (const pid of started.reverse()) await stopProcess(pid, { graceMs: 2000 });
    await removeStackState(plan.root);
    if (context.signal.aborted)
      throw new InterruptedError('Interrupted: stopped everything `zips up` had started.');
    throw error;
  }
}

async function claimNativePorts(plan: StackPlan): Promise<NativePorts> {
  const [app = 0, otlpHttp = 0, traceQuery = 0] = await claimPorts([
    { what: 'app', port: plan.ports.app, flag: '--port' },
    { what: 'OTLP/HTTP receiver', port: plan.ports.otlpHttp, flag: '--otlp-port' },
    { what: 'trace query API', port: plan.ports.traceQuery, flag: '--ui-port' },
  ]);
  return { app, otlpHttp, traceQuery };
}

function initialState(plan: StackPlan, ports: NativePorts, logDir: string): RecordedStackState {
  const query = `http://127.0.0.1:${ports.traceQuery}`;
  return {
    version: 1,
    runtime: 'native',
    startedAt: new Date().toISOString(),
    urls: {
      app: `http://127.0.0.1:${ports.app}`,
      traceUi: query,
      traceQuery: query,
      otlpHttp: `http://127.0.0.1:${ports.otlpHttp}`,
    },
    pids: {},
    ports,
    logDir,
    targets: plan.targets.summaries,
    phase: 'starting',
    // The scripts' full paths: how a recorded pid is recognised as ours (both packages have a dist/src/main.js).
    commands: { server: serverEntry().main, collector: collectorEntry() },
  };
}

async function waitHealthy(
  name: string,
  url: string,
  daemon: Daemon,
  logFile: string,
  plan: StackPlan,
  context: StartContext,
): Promise<void> {
  let exitCode: number | null | undefined;
  const exited = daemon.exited.then((code) => {
    exitCode = code;
  });
  const healthy = await waitForHttp(url, {
    timeoutMs: plan.timeoutMs,
    signal: context.signal,
    givesUp: exited,
  });
  if (healthy) return;
  const tail = await lastLines(logFile, 15);
  const what =
    exitCode === undefined
      ? `did not become healthy within ${plan.timeoutMs / 1000}s (${url})`
      : `exited during startup (exit code ${exitCode ?? 'unknown'})`;
  throw new ZipsError(
    `The ${name} ${what}.${tail.length ? `\nLast log lines (${logFile}):\n${tail.map((l) => `  ${l}`).join('\n')}` : ''}`,
    {
      hint: `Read the full log in ${logFile}, fix the cause (or allow more time with --timeout), then run \`zips up\` again.`,
    },
  );
}
