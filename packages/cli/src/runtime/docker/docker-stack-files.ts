/**
 * The Docker stack definition for one `zips up`: stack options from the plan (targets, free ports, project name),
 * rendered by the stack generators into `.zips/stack/` (`.zips/stack/<project>/` for a non-default project).
 */
import { UsageError } from '../../errors.js';
import {
  defaultStackOptions,
  type GeneratedFile,
  renderStackFiles,
  type StackOptions,
} from '../../stack/index.js';
import { targetsFromFlags } from '../../stack/targets-from-flags.js';
import { claimPorts, type PortRequest } from '../ports.js';
import type { StackPlan } from '../stack-plan.js';

/** Where the generated files go, relative to the repository root. */
export function stackDirFor(projectName: string): string {
  return projectName === 'zips' ? '.zips/stack' : `.zips/stack/${projectName}`;
}

export async function stackOptions(plan: StackPlan): Promise<StackOptions> {
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
      { what: 'collector OTLP/gRPC', port: options.ports.otlpGrpc },
      { what: 'collector health check', port: options.ports.collectorHealth },
    );
  }
  const [app = 0, otlpHttp = plan.ports.otlpHttp, jaegerUi = plan.ports.traceQuery] =
    await claimPorts(requests);
  options.ports = { ...options.ports, app, otlpHttp, jaegerUi };
  return options;
}

/** ZIPS_COMPOSE_PROJECT overrides the compose project name (tests use their own, beside a developer's stack). */
export function composeProjectName(fromEnv: string | undefined, fallback: string): string {
  if (!fromEnv) return fallback;
  if (/^[a-z0-9][a-z0-9_-]*$/.test(fromEnv)) return fromEnv;
  throw new UsageError(
    `ZIPS_COMPOSE_PROJECT="${fromEnv}" is not a compose project name.`,
    'Use lower-case letters, digits, "-" and "_", starting with a letter or digit.',
  );
}

/** The generators' validation errors are the user's to fix (e.g. `--no-jaeger` with no other target): exit 2. */
export async function renderChecked(options: StackOptions): Promise<GeneratedFile[]> {
  const { CollectorConfigError } = await import('@zips/collector-config');
  try {
    return renderStackFiles(options, { outDir: stackDirFor(options.projectName) });
  } catch (error) {
    if (!(error instanceof CollectorConfigError)) throw error;
    throw new UsageError(
      `The chosen targets do not make a valid collector configuration:\n${error.message.replace(/^invalid collector configuration:\n/, '')}`,
      'Keep Jaeger on (drop --no-jaeger) or add --lightstep / --otlp-endpoint.',
    );
  }
}
