/**
 * The server's OpenTelemetry SDK settings that every launcher (the native runtime, docker-compose.yml and so Tilt)
 * gives it, so a restart of its collector loses nothing.
 *
 * - `OTEL_BSP_MAX_QUEUE_SIZE`: the BatchSpanProcessor queue holds spans while the collector is away (restarting).
 *   65,536 spans are 41 s of the Docker reliability scenario's load (800 req/s, 2 spans each) and cost about
 *   1.2 KB each when full (about 75 MiB, measured: RELIABILITY.md); the SDK default of 2,048 is 1.3 s of it.
 * - `OTEL_BSP_SCHEDULE_DELAY`: spans leave within 200 ms (the SDK default is 5 s), so a lookup's trace is there when
 *   `zips traces` asks for it.
 */
export const SERVER_SDK_ENV = {
  OTEL_BSP_MAX_QUEUE_SIZE: '65536',
  OTEL_BSP_SCHEDULE_DELAY: '200',
} as const;
