/**
 * The command lines of the two native processes: the zips server with its telemetry bootstrap preloaded, and the
 * embedded collector. Secrets reach the collector only through its environment, never its argv.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ForwardTarget, formatForward } from '@zips/collector';
import { ZipsError } from '../../errors.js';
import type { DaemonSpec } from '../../process/spawn-detached-types.js';
import { SERVER_SDK_ENV } from '../../stack/server-sdk-env.js';

export interface NativePorts {
  app: number;
  otlpHttp: number;
  traceQuery: number;
}

/**
 * Where the built server package lives (resolved through the @zips/server dependency), and the node flags it
 * asks to run with (`zips.nodeFlags` in its package.json, the list its `serverNodeArgs()` uses too).
 */
export function serverEntry(): { main: string; register: string; root: string; nodeFlags: string[] } {
  const pkg = fileURLToPath(import.meta.resolve('@zips/server/package.json'));
  const dir = dirname(pkg);
  const main = join(dir, 'dist', 'src', 'main.js');
  const register = join(dir, 'dist', 'src', 'telemetry', 'register.js');
  for (const file of [main, register]) {
    if (!existsSync(file)) {
      throw new ZipsError(`The zips server is not built (${file} is missing).`, {
        hint: 'Run `npm run build` in the zips repository, then try again.',
      });
    }
  }
  const manifest = JSON.parse(readFileSync(pkg, 'utf8')) as { zips?: { nodeFlags?: string[] } };
  return { main, register, root: join(dir, '..', '..'), nodeFlags: manifest.zips?.nodeFlags ?? [] };
}

export function collectorEntry(): string {
  const main = fileURLToPath(import.meta.resolve('@zips/collector/main'));
  if (!existsSync(main)) {
    throw new ZipsError(`The embedded collector is not built (${main} is missing).`, {
      hint: 'Run `npm run build` in the zips repository, then try again.',
    });
  }
  return main;
}

/** Environment for children: the user's, minus the Lightstep token unless the child forwards with it. */
function baseEnv(env: NodeJS.ProcessEnv, keep: readonly string[] = []): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key !== 'LIGHTSTEP_ACCESS_TOKEN' || keep.includes(key)) copy[key] = value;
  }
  return copy;
}

/** `secretEnv`: variables holding forwarding secrets (header values); the server never needs them. */
export function serverSpec(
  ports: NativePorts,
  logFile: string,
  env: NodeJS.ProcessEnv,
  secretEnv: readonly string[] = [],
): DaemonSpec {
  const server = serverEntry();
  const withoutSecrets = Object.fromEntries(
    Object.entries(baseEnv(env)).filter(([key]) => !secretEnv.includes(key)),
  );
  return {
    name: 'server',
    command: process.execPath,
    args: [...server.nodeFlags, '--import', server.register, server.main],
    cwd: server.root,
    logFile,
    env: {
      // The user's own OTEL_BSP_* settings, if any, win over these.
      ...SERVER_SDK_ENV,
      ...withoutSecrets,
      PORT: String(ports.app),
      HOST: '127.0.0.1',
      OTEL_SERVICE_NAME: 'zips',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlpHttp}`,
    },
  };
}

export interface CollectorSpecOptions {
  ports: NativePorts;
  logFile: string;
  env: NodeJS.ProcessEnv;
  forwards: ForwardTarget[];
  /** Header values for the forwards, by variable name. */
  secretEnv: Record<string, string>;
  maxTraces?: number;
}

export function collectorSpec(options: CollectorSpecOptions): DaemonSpec {
  const args = [
    collectorEntry(),
    '--host',
    '127.0.0.1',
    '--otlp-http-port',
    String(options.ports.otlpHttp),
    '--query-port',
    String(options.ports.traceQuery),
  ];
  if (options.maxTraces) args.push('--max-traces', String(options.maxTraces));
  for (const forward of options.forwards) args.push('--forward', formatForward(forward));
  const keep = options.forwards.flatMap((f) => f.headers.map((h) => h.env));
  return {
    name: 'collector',
    command: process.execPath,
    args,
    cwd: dirname(args[0] ?? '.'),
    logFile: options.logFile,
    env: { ...baseEnv(options.env, keep), ...options.secretEnv },
  };
}
