import {
  COLLECTOR_CONFIG_PATH_IN_IMAGE,
  COLLECTOR_IMAGE_USER,
  COLLECTOR_PORTS,
  type CollectorModel,
  generatedHeader,
  requiredEnv,
  toYaml,
} from '@zips/collector-config';
import { BASE_IMAGE, COLLECTOR_IMAGE, composeImageReference, JAEGER, ZIPS_IMAGE } from './images.js';
import { SERVER_SDK_ENV } from './server-sdk-env.js';
import type { StackOptions } from './stack-options.js';

const APP_PORT = 5000;
const JAEGER_UI_PORT = 16686;

/** The named volume that holds the collector's persistent sending queue. */
export const QUEUE_VOLUME = 'otel-collector-queue';

/**
 * A one-shot service that gives the queue volume to the collector's user before the collector starts: a new named
 * volume is owned by root, and the collector image runs as an unprivileged user with no shell to fix that itself.
 * It exits when done, which compose, Tilt and `zips status` count as success ("completed").
 */
export const QUEUE_OWNER_SERVICE = 'otel-collector-queue-owner';

/** Inputs of the compose file besides the options: the collector model and paths relative to the file. */
export interface ComposeContext {
  model: CollectorModel;
  /** Build context (the repository root) relative to the compose file's directory. */
  buildContext: string;
  /** The collector configuration file relative to the compose file's directory. */
  collectorConfig: string;
}

/**
 * docker-compose.yml for the stack. Written for both `docker compose` v2 and Debian's `docker-compose` 1.29:
 * no top-level `name:` or `version:`, only keys both understand, strings quoted for PyYAML.
 */
export function renderCompose(options: StackOptions, context: ComposeContext): string {
  const hasJaeger = context.model.targets.some((target) => target.kind === 'jaeger');
  const queueOnDisk = context.model.sendingQueue.storage === 'disk';
  const services: Record<string, unknown> = {
    zips: zipsService(options, context),
    ...(queueOnDisk ? { [QUEUE_OWNER_SERVICE]: queueOwnerService(context) } : {}),
    'otel-collector': collectorService(options, context, hasJaeger),
    ...(hasJaeger ? { jaeger: jaegerService(options) } : {}),
  };
  const header = generatedHeader('The zips stack: the server, an OpenTelemetry Collector and Jaeger.', [
    `Start it with \`docker compose -p ${options.projectName} up\` (or \`docker-compose -p ${options.projectName} up\`),`,
    `or set COMPOSE_PROJECT_NAME=${options.projectName}; \`zips up --runtime docker\` does this for you.`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation syntax, written literally
    'Secrets are ${VAR} references to your environment; no value is ever written here.',
  ]);
  const volumes = queueOnDisk ? { volumes: { [QUEUE_VOLUME]: {} } } : {};
  return toYaml({ services, ...volumes }, header, {
    quoteStrings: true,
    comments: composeComments(hasJaeger, queueOnDisk),
  });
}

/** Why the less obvious keys are there, written into the file for whoever reads it. */
function composeComments(hasJaeger: boolean, queueOnDisk: boolean): Record<string, string> {
  return {
    ...(queueOnDisk
      ? {
          [`services.${QUEUE_OWNER_SERVICE}`]:
            "Runs once before the collector: a new volume belongs to root, the collector runs as its image's user.",
          [`services.otel-collector.volumes`]:
            "The exporters' persistent queue lives on a named volume: spans waiting for Jaeger or Lightstep survive a\ncollector restart. `zips down` keeps it (nothing queued is lost); `zips down --volumes` removes it.",
          volumes: 'Named volumes survive `docker compose down`; `down --volumes` removes them.',
        }
      : {}),
    'services.zips.init':
      'A real init as PID 1 forwards SIGTERM to node, which drains requests and flushes spans.',
    'services.zips.environment':
      'The span queue holds about 40 s of a busy stack while the collector restarts; spans leave within 200 ms.',
    'services.zips.healthcheck':
      "The runtime image has no curl: node itself asks the liveness route, on the container's PORT.",
    'services.zips.depends_on':
      'The collector image is distroless (no shell, no curl), so it cannot have a healthcheck: zips waits\nonly for it to be started.',
    'services.otel-collector.ports': 'OTLP gRPC, OTLP HTTP, and the health_check extension.',
    ...(hasJaeger
      ? {
          'services.jaeger.ports':
            'Jaeger v2 receives OTLP on 4317/4318 by default; only the collector talks to it, inside the network.',
          'services.jaeger.tmpfs':
            'The image declares /tmp a volume; as a tmpfs it leaves no anonymous volume behind after each `down`.',
          'services.jaeger.healthcheck':
            'The Jaeger image is Alpine-based, so busybox wget can probe the UI.',
        }
      : {}),
  };
}

function publish(options: StackOptions, hostPort: number, containerPort: number): string {
  return `${options.bindAddress}:${hostPort}:${containerPort}`;
}

function zipsService(options: StackOptions, context: ComposeContext) {
  return {
    build: {
      context: context.buildContext,
      dockerfile: 'Dockerfile',
      args: { BASE_IMAGE: composeImageReference(BASE_IMAGE) },
    },
    image: ZIPS_IMAGE,
    init: true,
    ports: [publish(options, options.ports.app, APP_PORT)],
    environment: {
      PORT: String(APP_PORT),
      HOST: '0.0.0.0',
      OTEL_SERVICE_NAME: 'zips',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://otel-collector:${COLLECTOR_PORTS.otlpHttp}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      ...SERVER_SDK_ENV,
    },
    healthcheck: {
      test: [
        'CMD',
        'node',
        '-e',
        // The container's own PORT, as the Dockerfile HEALTHCHECK does (an override of PORT keeps it right); no `$`
        // in the script, which compose would take for interpolation.
        `fetch('http://127.0.0.1:'+(process.env.PORT||${APP_PORT})+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
      ],
      interval: '10s',
      timeout: '3s',
      retries: 3,
      start_period: '10s',
    },
    depends_on: { 'otel-collector': { condition: 'service_started' } },
  };
}

function queueOwnerService(context: ComposeContext) {
  const directory = context.model.sendingQueue.directory;
  return {
    // Present wherever zips:latest can be built (it is that image's base), and it has chown.
    image: composeImageReference(BASE_IMAGE),
    user: '0:0',
    entrypoint: ['chown', '-R', COLLECTOR_IMAGE_USER, directory],
    volumes: [`${QUEUE_VOLUME}:${directory}`],
  };
}

function collectorService(options: StackOptions, context: ComposeContext, hasJaeger: boolean) {
  const secrets = requiredEnv(context.model);
  const queue = context.model.sendingQueue;
  const dependsOn = {
    ...(queue.storage === 'disk'
      ? { [QUEUE_OWNER_SERVICE]: { condition: 'service_completed_successfully' } }
      : {}),
    ...(hasJaeger ? { jaeger: { condition: 'service_healthy' } } : {}),
  };
  return {
    image: composeImageReference(COLLECTOR_IMAGE),
    command: [`--config=${COLLECTOR_CONFIG_PATH_IN_IMAGE}`],
    volumes: [
      `${context.collectorConfig}:${COLLECTOR_CONFIG_PATH_IN_IMAGE}:ro`,
      ...(queue.storage === 'disk' ? [`${QUEUE_VOLUME}:${queue.directory}`] : []),
    ],
    ports: [
      publish(options, options.ports.otlpGrpc, COLLECTOR_PORTS.otlpGrpc),
      publish(options, options.ports.otlpHttp, COLLECTOR_PORTS.otlpHttp),
      publish(options, options.ports.collectorHealth, COLLECTOR_PORTS.health),
    ],
    ...(secrets.length > 0
      ? { environment: Object.fromEntries(secrets.map((name) => [name, `\${${name}:-}`])) }
      : {}),
    ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
  };
}

function jaegerService(options: StackOptions) {
  return {
    image: composeImageReference(JAEGER),
    tmpfs: ['/tmp'],
    ports: [publish(options, options.ports.jaegerUi, JAEGER_UI_PORT)],
    healthcheck: {
      test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${JAEGER_UI_PORT}/`],
      interval: '5s',
      timeout: '3s',
      retries: 12,
      start_period: '5s',
    },
  };
}
