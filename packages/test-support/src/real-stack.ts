/**
 * The real programs zips orchestrates, built from their Go modules by scripts/ci/real-stack-tools.sh: where they
 * are, whether a test may run, and how to start the OpenTelemetry Collector and Jaeger v2 as processes on loopback
 * ports chosen here. Tests skip with a message when a program is missing, and fail instead when
 * ZIPS_REQUIRE_REAL_STACK=1 (CI).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { captureOutput } from './child-output.js';
import { freePorts } from './free-port.js';
import { waitFor } from './wait-for.js';

/** The programs, by the variable the tools script exports and the name it puts on PATH. */
export const REAL_STACK_TOOLS = {
  otelcol: { variable: 'ZIPS_OTELCOL_BIN', command: 'otelcol-contrib' },
  jaeger: { variable: 'ZIPS_JAEGER_BIN', command: 'jaeger' },
  tilt: { variable: 'ZIPS_TILT_BIN', command: 'tilt' },
} as const;

export type RealStackTool = keyof typeof REAL_STACK_TOOLS;

const HOW_TO_GET = 'build them with `eval "$(bash scripts/ci/real-stack-tools.sh)"` (needs Go)';

export const realStackRequired = process.env.ZIPS_REQUIRE_REAL_STACK === '1';

/** Path of a program, from its variable or PATH; undefined when it is not there. */
export function toolPath(tool: RealStackTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { variable, command } = REAL_STACK_TOOLS[tool];
  const candidates = [env[variable], ...(env.PATH ?? '').split(delimiter).map((dir) => join(dir, command))];
  return candidates.find((path) => path !== undefined && path !== '' && isExecutable(path));
}

/**
 * The `skip` option of a test that needs `tools`: a message naming what is missing and how to get it, or false.
 * Under ZIPS_REQUIRE_REAL_STACK=1 it is always false, so the test runs and {@link requireTool} fails it.
 */
export function realStackSkip(...tools: RealStackTool[]): string | false {
  if (realStackRequired) return false;
  const missing = tools.filter((tool) => toolPath(tool) === undefined);
  if (missing.length === 0) return false;
  const names = missing.map((tool) => REAL_STACK_TOOLS[tool].command).join(', ');
  return `${names} not found: ${HOW_TO_GET}, or set ZIPS_REQUIRE_REAL_STACK=1 to fail instead`;
}

/** The program's path, or an error saying it is required and how to get it. */
export function requireTool(tool: RealStackTool): string {
  const path = toolPath(tool);
  if (path !== undefined) return path;
  const { variable, command } = REAL_STACK_TOOLS[tool];
  throw new Error(
    `${command} is required (ZIPS_REQUIRE_REAL_STACK=1) but neither ${variable} nor PATH has it: ${HOW_TO_GET}`,
  );
}

/** A program started by a test, stopped by `await using`. */
export interface RealProcess extends AsyncDisposable {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  stop(): Promise<number | string>;
}

/** How to start a program that answers a health URL once it is ready. */
export interface ProgramSpec {
  what: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Answers 200 once the program is ready. */
  healthUrl: string;
  /** @default 30000 */
  timeoutMs?: number;
  /** Runs once the program has stopped (temporary files). */
  cleanup?: () => void;
}

/** Starts a program and waits for its health URL; fails with its own last words if it exits or never answers. */
export async function startProgram(spec: ProgramSpec): Promise<RealProcess> {
  const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      return await output.exited;
    } finally {
      clearTimeout(timer);
      spec.cleanup?.();
    }
  };
  const program: RealProcess = {
    child,
    stdout: output.stdout,
    stderr: output.stderr,
    stop,
    [Symbol.asyncDispose]: async () => void (await stop()),
  };
  try {
    await waitFor(
      `${spec.what} to answer ${spec.healthUrl}`,
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`${spec.what} exited with ${child.exitCode}:\n${output.stderr().slice(-3000)}`);
        }
        const ok = await fetch(spec.healthUrl).then(
          (response) => response.ok,
          () => false,
        );
        return ok ? true : undefined;
      },
      spec.timeoutMs ?? 30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return program;
}

export interface RunningJaeger extends RealProcess {
  /** The query service: UI paths, `/api/v3/...` and `/api/traces`. */
  queryUrl: string;
  /** `host:port` of its OTLP/gRPC receiver, as a Collector exporter names it. */
  otlpGrpcEndpoint: string;
  otlpHttpUrl: string;
}

/**
 * Jaeger v2 with memory storage on free loopback ports: the all-in-one shape (OTLP receiver → storage exporter,
 * jaeger_query, v2 health check) with only what zips uses, and its own telemetry off so that two
 * Collector-based programs can run side by side.
 */
export async function startJaeger(
  options: { maxTraces?: number; timeoutMs?: number } = {},
): Promise<RunningJaeger> {
  const bin = requireTool('jaeger');
  const [grpc = 0, http = 0, query = 0, queryGrpc = 0, health = 0] = await freePorts(5);
  const dir = mkdtempSync(join(tmpdir(), 'zips-jaeger-'));
  const config = join(dir, 'jaeger.yaml');
  writeFileSync(config, jaegerConfig({ grpc, http, query, queryGrpc, health }, options.maxTraces ?? 100_000));
  const jaeger = await startProgram({
    what: 'jaeger',
    command: bin,
    args: [`--config=${config}`],
    env: { PATH: process.env.PATH ?? '' },
    healthUrl: `http://127.0.0.1:${health}/status`,
    timeoutMs: options.timeoutMs,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
  return Object.assign(jaeger, {
    queryUrl: `http://127.0.0.1:${query}`,
    otlpGrpcEndpoint: `127.0.0.1:${grpc}`,
    otlpHttpUrl: `http://127.0.0.1:${http}`,
  });
}

function jaegerConfig(
  ports: Record<'grpc' | 'http' | 'query' | 'queryGrpc' | 'health', number>,
  maxTraces: number,
) {
  return `service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
extensions:
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.query}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpc}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: ${maxTraces}
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 127.0.0.1:${ports.health}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${ports.grpc}
      http:
        endpoint: 127.0.0.1:${ports.http}
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}

export interface RunningCollector extends RealProcess {
  /** Base URL of its OTLP/HTTP receiver (the SDK appends /v1/traces). */
  otlpHttpUrl: string;
  otlpGrpcEndpoint: string;
  healthUrl: string;
}

/**
 * The real Collector on a configuration zips generated, moved to free loopback ports with `--set` (receivers,
 * health check) and its own telemetry off; everything else is the generated document as users get it.
 */
export async function startCollector(options: {
  configYaml: string;
  /** More `--set key=value` overrides, e.g. a CA for a test TLS receiver. */
  set?: string[];
  /** Environment for `${env:VAR}` references (secrets), besides PATH. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<RunningCollector> {
  const bin = requireTool('otelcol');
  const [grpc = 0, http = 0, health = 0] = await freePorts(3);
  const dir = mkdtempSync(join(tmpdir(), 'zips-otelcol-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, options.configYaml);
  const set = [
    `receivers::otlp::protocols::grpc::endpoint=127.0.0.1:${grpc}`,
    `receivers::otlp::protocols::http::endpoint=127.0.0.1:${http}`,
    `extensions::health_check::endpoint=127.0.0.1:${health}`,
    'service::telemetry::metrics::level=none',
    ...(options.set ?? []),
  ];
  const healthUrl = `http://127.0.0.1:${health}/`;
  const collector = await startProgram({
    what: 'otelcol-contrib',
    command: bin,
    args: [`--config=${config}`, ...set.map((s) => `--set=${s}`)],
    env: { PATH: process.env.PATH ?? '', ...options.env },
    healthUrl,
    timeoutMs: options.timeoutMs,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  });
  return Object.assign(collector, {
    otlpHttpUrl: `http://127.0.0.1:${http}`,
    otlpGrpcEndpoint: `127.0.0.1:${grpc}`,
    healthUrl,
  });
}

/** `otelcol-contrib validate` on a configuration: exit code and what it said. */
export function validateCollectorConfig(
  configYaml: string,
  env: NodeJS.ProcessEnv = {},
): { code: number; output: string } {
  const bin = requireTool('otelcol');
  const dir = mkdtempSync(join(tmpdir(), 'zips-otelcol-validate-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, configYaml);
  try {
    const output = execFileSync(bin, ['validate', `--config=${config}`], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { code: failed.status ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    // Not there, or not executable: not a candidate.
    return false;
  }
}
