/**
 * OpenTelemetry's stock instrumentations that a user can switch on beside zips' own, with the standard variable
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` (and `OTEL_NODE_DISABLED_INSTRUMENTATIONS`), e.g. once the app gains a
 * database client or an outgoing HTTP call. zips ships a small set: outgoing HTTP (`http`, `undici` for
 * `fetch`) and the common database clients. Each package is imported only when named, so the default start
 * loads none of them.
 */
import type { Instrumentation } from '@opentelemetry/instrumentation';

/** What zips needs of a stock instrumentation: the SDK's interface, and which modules it patches. */
export type StockInstrumentation = Instrumentation & {
  getModuleDefinitions(): readonly { name: string }[];
};

const STOCK_INSTRUMENTATIONS = {
  // Outgoing requests only: zips' own instrumentation makes the SERVER span, and two would double every request.
  http: async () =>
    new (await import('@opentelemetry/instrumentation-http')).HttpInstrumentation({
      disableIncomingRequestInstrumentation: true,
    }),
  ioredis: async () => new (await import('@opentelemetry/instrumentation-ioredis')).IORedisInstrumentation(),
  mongodb: async () => new (await import('@opentelemetry/instrumentation-mongodb')).MongoDBInstrumentation(),
  mysql2: async () => new (await import('@opentelemetry/instrumentation-mysql2')).MySQL2Instrumentation(),
  pg: async () => new (await import('@opentelemetry/instrumentation-pg')).PgInstrumentation(),
  redis: async () => new (await import('@opentelemetry/instrumentation-redis')).RedisInstrumentation(),
  // For `fetch`: it listens on undici's diagnostics channels, which node's own fetch publishes to.
  undici: async () => new (await import('@opentelemetry/instrumentation-undici')).UndiciInstrumentation(),
} satisfies Record<string, () => Promise<StockInstrumentation>>;

/** A stock instrumentation zips ships, by its name in `OTEL_NODE_ENABLED_INSTRUMENTATIONS`. */
export type StockInstrumentationName = keyof typeof STOCK_INSTRUMENTATIONS;

/** The names zips accepts, sorted. */
export const STOCK_INSTRUMENTATION_NAMES = Object.keys(
  STOCK_INSTRUMENTATIONS,
).sort() as StockInstrumentationName[];

export function isStockInstrumentationName(name: string): name is StockInstrumentationName {
  return Object.hasOwn(STOCK_INSTRUMENTATIONS, name);
}

/**
 * The named instrumentations, constructed (which sets their require and import hooks). Under the off-thread
 * ESM loader, call this after the loader's add-hook channel exists: each hook tells the loader its modules.
 */
export function loadStockInstrumentations(
  names: readonly StockInstrumentationName[],
): Promise<StockInstrumentation[]> {
  return Promise.all(names.map((name) => STOCK_INSTRUMENTATIONS[name]()));
}

/**
 * The modules these instrumentations patch, read from the instrumentations themselves: under ESM the loader
 * hook must be told to wrap them (undici's listens on diagnostics channels and patches none).
 */
export function modulesPatchedBy(instrumentations: readonly StockInstrumentation[]): string[] {
  const names = instrumentations.flatMap((instrumentation) =>
    instrumentation.getModuleDefinitions().map((definition) => definition.name),
  );
  return [...new Set(names)];
}
