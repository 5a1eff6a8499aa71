/**
 * The command-line surface: commander declarations only. Each action `await import()`s its command module, so
 * `zips --help` or `zips lookup` never loads Ink, React, dockerode or code of other commands.
 */
import { Command, Option, type OutputConfiguration } from 'commander';
import { collect, parseList, parsePort, parsePositiveInt, parseRuntime } from './cli-parsers.js';
import type {
  ConfigCliOptions,
  DoctorOptions,
  DownOptions,
  LogsOptions,
  LookupOptions,
  StatusOptions,
  TracesCliOptions,
  UpOptions,
} from './commands/options.js';
import { setVerbose } from './output/verbosity.js';
import { version } from './version.js';

/** What each command does; tests pass recorders to check argv → options wiring. */
export interface CommandHandlers {
  up(options: UpOptions): Promise<void>;
  down(options: DownOptions): Promise<void>;
  status(options: StatusOptions): Promise<void>;
  logs(service: string | undefined, options: LogsOptions): Promise<void>;
  lookup(zip: string, options: LookupOptions): Promise<void>;
  doctor(options: DoctorOptions): Promise<void>;
  config(options: ConfigCliOptions): Promise<void>;
  traces(traceId: string | undefined, options: TracesCliOptions): Promise<void>;
}

export const lazyHandlers: CommandHandlers = {
  up: async (o) => (await import('./commands/up.js')).up(o),
  down: async (o) => (await import('./commands/down.js')).down(o),
  status: async (o) => (await import('./commands/status.js')).status(o),
  logs: async (s, o) => (await import('./commands/logs.js')).logs(s, o),
  lookup: async (z, o) => (await import('./commands/lookup.js')).lookup(z, o),
  doctor: async (o) => (await import('./commands/doctor.js')).doctor(o),
  config: async (o) => (await import('./commands/config.js')).config(o),
  traces: async (t, o) => (await import('./commands/traces.js')).traces(t, o),
};

/** Same words for `up` and `config`: the value never appears on the command line, only the variable's name. */
const otlpHeaderHelp =
  'header for --otlp-endpoint; its value is read from environment variable ENV_VAR, never given here (repeatable)';

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

const rootHelp = `
Exit codes:
  0  ok                 3  not found (unknown ZIP)     5  Docker unavailable
  1  failure            4  stack not running           130  interrupted (Ctrl-C)
  2  usage error

Environment:
  LIGHTSTEP_ACCESS_TOKEN  token for --lightstep (never printed or written)
  ZIPS_RUNTIME            default for --runtime (docker | native | auto)
  ZIPS_ROOT               project root (default: nearest folder with .zips/ or .git)
  ZIPS_STATE_DIR          state directory (default: <root>/.zips)
  ZIPS_BASE_IMAGE         base image build argument for the Docker image
  ZIPS_COLLECTOR_IMAGE    Collector image for the Docker stack (default: the pinned contrib image)
  ZIPS_JAEGER_IMAGE       Jaeger image for the Docker stack (default: the pinned jaegertracing/jaeger)
  ZIPS_COMPOSE_PROJECT    compose project name for the Docker runtime (default: zips)
  ZIPS_COMPOSE            v2 (docker compose) or v1 (docker-compose); default: v2 when installed
  NO_COLOR / FORCE_COLOR  colours off / on;  DEBUG=zips  same as --verbose
${examples('zips up', 'zips lookup 11215', 'zips traces --tail', 'zips status --json', 'zips down')}`;

/** `output` redirects commander's own messages (tests keep usage errors off the console). */
export function createProgram(
  handlers: CommandHandlers = lazyHandlers,
  output?: OutputConfiguration,
): Command {
  const program = new Command('zips')
    .description('Run the zips ZIP-code API as a local, traced stack, and look around in it.')
    .version(version(), '-V, --version')
    .option('--verbose', 'show debug output and stack traces')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', rootHelp)
    .hook('preAction', (command) => setVerbose(command.opts().verbose === true));
  if (output) program.configureOutput(output);

  declareStackCommands(program, handlers);
  declareQueryCommands(program, handlers);
  return program;
}

function declareStackCommands(program: Command, handlers: CommandHandlers): void {
  program
    .command('up')
    .description('Start the stack (app + trace pipeline) and return when it is healthy.')
    .addOption(
      // commander reads ZIPS_RUNTIME only when `up` runs, through the same parser, and names the variable when
      // its value is bad; other commands ignore it.
      new Option('--runtime <runtime>', 'docker, native or auto (Docker when reachable, else native)')
        .argParser(parseRuntime)
        .env('ZIPS_RUNTIME')
        .default('auto'),
    )
    .option('--attach', 'stay in the foreground streaming logs; Ctrl-C stops everything', false)
    .option('--jaeger', 'send traces to Jaeger, the trace store', true)
    .option('--no-jaeger', 'no Jaeger container (Docker); native keeps its embedded store')
    .option('--lightstep', 'also send traces to Lightstep (token from LIGHTSTEP_ACCESS_TOKEN)', false)
    .option(
      '--otlp-endpoint <url>',
      'also send traces to this endpoint: an http(s) URL → OTLP/HTTP (host:port → OTLP/gRPC only in `zips config`)',
    )
    .option('--otlp-header <name=ENV_VAR>', otlpHeaderHelp, collect, [])
    .option('--port <port>', 'app port (0 = any free port)', parsePort, 5000)
    .option('--otlp-port <port>', 'OTLP/HTTP receiver port (0 = any free port)', parsePort, 4318)
    .option('--ui-port <port>', 'trace UI / query API port (0 = any free port)', parsePort, 16686)
    .option('--timeout <seconds>', 'how long to wait for health', parsePositiveInt, 60)
    .option('--services <names>', 'Docker: start only these compose services (comma-separated)', parseList)
    .option('--max-traces <n>', 'native: traces kept in the embedded store', parsePositiveInt)
    .option('--json', 'print the started stack as JSON', false)
    .addHelpText(
      'after',
      examples(
        'zips up',
        'zips up --runtime native --port 0 --otlp-port 0 --ui-port 0',
        'LIGHTSTEP_ACCESS_TOKEN=... zips up --lightstep',
        'zips up --otlp-endpoint https://otlp.example.com --otlp-header x-api-key=OTLP_KEY',
        'zips up --runtime docker --no-jaeger --services zips',
        'zips up --attach',
      ),
    )
    .action((options: UpOptions) => handlers.up(options));

  program
    .command('down')
    .description('Stop and remove what `zips up` started (either runtime). Safe to run twice.')
    .option('--volumes', 'also remove volumes (Docker) and log files (native)', false)
    .addHelpText('after', examples('zips down', 'zips down --volumes'))
    .action((options: DownOptions) => handlers.down(options));

  program
    .command('status')
    .description('Show each service, its state and health, and the URLs.')
    .option('--json', 'machine-readable output', false)
    .addHelpText('after', examples('zips status', 'zips status --json | jq .services'))
    .action((options: StatusOptions) => handlers.status(options));

  program
    .command('logs [service]')
    .description('Show logs of the server (and the collector; Jaeger in Docker).')
    .option('-f, --follow', 'keep streaming new lines', false)
    .option('-n, --lines <n>', 'lines of history per service', parsePositiveInt, 100)
    .addHelpText('after', examples('zips logs', 'zips logs server -f', 'zips logs collector -n 20'))
    .action((service: string | undefined, options: LogsOptions) => handlers.logs(service, options));

  program
    .command('doctor')
    .description('Check Node, Docker, ports and targets, and send a canary span through the pipeline.')
    .option('--json', 'machine-readable output', false)
    .option('--no-canary', 'skip the canary span')
    .addHelpText('after', examples('zips doctor', 'zips doctor --json'))
    .action((options: DoctorOptions) => handlers.doctor(options));

  program
    .command('config')
    .description('Write or print the generated compose file, collector config and Tiltfile.')
    .option('--write', 'write the files (default: print them)')
    .option('--check', 'fail when the files on disk differ from the generated ones')
    .option('--lightstep', 'include the Lightstep target (token from LIGHTSTEP_ACCESS_TOKEN)')
    .option('--jaeger', 'include Jaeger (default)')
    .option('--no-jaeger', 'leave Jaeger out')
    .option(
      '--otlp-endpoint <endpoint>',
      'include a generic OTLP target: an http(s) URL → OTLP/HTTP, host:port → OTLP/gRPC',
    )
    .option('--otlp-header <name=ENV_VAR>', otlpHeaderHelp, collect, [])
    .option('--debug', 'add the collector debug exporter')
    .option('--json', 'print the files as JSON')
    .addHelpText(
      'after',
      examples(
        'zips config',
        'zips config --write',
        'zips config --check',
        'zips config --lightstep',
        'zips config --otlp-endpoint otlp.example.com:4317 --otlp-header x-api-key=OTLP_KEY',
      ),
    )
    .action((options: ConfigCliOptions) => handlers.config(options));
}

function declareQueryCommands(program: Command, handlers: CommandHandlers): void {
  program
    .command('lookup <zip>')
    .description('Look up a ZIP code in the running stack, traced from the CLI through the server.')
    .option('--json', 'print the result as JSON', false)
    .option('--url <url>', 'any zips server (default: the running stack)')
    .option('--no-trace', 'do not create or export the client span')
    .addHelpText(
      'after',
      examples(
        'zips lookup 11215',
        'zips lookup 11215 --json',
        'zips lookup 94103 --url http://localhost:8080',
      ),
    )
    .action((zip: string, options: LookupOptions) => handlers.lookup(zip, options));

  program
    .command('traces [traceId]')
    .description('Browse recent traces, follow new ones, or show one trace.')
    .option('--tail', 'follow new traces as they arrive')
    .option('--once', 'print one snapshot and exit (no live view)')
    .option('--json', 'machine-readable output')
    .option('--limit <n>', 'how many traces', parsePositiveInt)
    .option('--service <name>', 'only traces touching this service')
    .option('--since <duration>', 'only traces newer than this, e.g. 15m')
    .option('--route <route>', 'only traces of this HTTP route, e.g. /zips/:zip')
    .option('--errors', 'only traces with an error')
    .option('--min-duration <duration>', 'only traces at least this long, e.g. 200ms')
    .option('--endpoint <url>', 'query API (default: the running stack)')
    .addHelpText(
      'after',
      examples(
        'zips traces',
        'zips traces --tail',
        'zips traces --errors --since 10m',
        'zips traces <traceId> --json',
      ),
    )
    .action((traceId: string | undefined, options: TracesCliOptions) => handlers.traces(traceId, options));
}
