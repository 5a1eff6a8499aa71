import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { serverSpanAttributes, serverSpanEndAttributes, serverSpanName } from './http-server-attributes.js';

/** The instrumentation scope of zips' HTTP server spans (`scope.name` in every exported server span). */
export const HTTP_SERVER_SCOPE = '@zips/server/http-server';

/** Options of {@link ZipsHttpServerInstrumentation}. */
export interface ZipsHttpServerConfig extends InstrumentationConfig {
  /** Requests for which it returns true get no span, and nothing inside them is traced. */
  ignoreRequest?: (request: IncomingMessage) => boolean;
}

/** `Server.prototype.emit`, without its per-event overloads. */
type Emit = (this: Server, event: string, ...args: unknown[]) => boolean;

/**
 * One SERVER span per incoming HTTP request, with the stable HTTP semantic-convention attributes, the
 * caller's W3C `traceparent` as parent, and the span active while the request's handlers run (so zips'
 * `http.route` middleware and its `zips.*` spans find it).
 *
 * Why not `@opentelemetry/instrumentation-http`: measured under load on this kind of machine it cost as much per
 * request as zips' whole app before a span was even recorded (sampler off: 22.0k → 14.1k req/s on
 * `GET /zips/11215`). It binds the request and response emitters to the context (wrapping every listener),
 * builds the old and new attribute sets, records metrics and tracks open spans in a Set; zips needs none of it:
 * its routes are GET-only, with no body stream to follow, and it exports traces only. This instrumentation
 * does the part zips needs, in the same way (patching `Server.prototype.emit` through the `http` module hook,
 * so it loads under ESM by the same loader hook).
 */
export class ZipsHttpServerInstrumentation extends InstrumentationBase<ZipsHttpServerConfig> {
  constructor(config: ZipsHttpServerConfig = {}) {
    super(HTTP_SERVER_SCOPE, '0.1.0', config);
  }

  protected override init() {
    return [
      new InstrumentationNodeModuleDefinition(
        'http',
        ['*'],
        (exports: typeof import('node:http')) => {
          const prototype = moduleOf(exports).Server.prototype;
          // `http` may reach the hook twice (required by Express, imported by zips): wrap the one prototype once.
          if (isWrapped(prototype.emit)) this._unwrap(prototype, 'emit');
          this._wrap(prototype, 'emit', (original) => this.tracedEmit(original as Emit) as typeof original);
          return exports;
        },
        (exports: typeof import('node:http')) => {
          this._unwrap(moduleOf(exports).Server.prototype, 'emit');
        },
      ),
    ];
  }

  private tracedEmit(original: Emit): Emit {
    const instrumentation = this;
    return function emit(this: Server, event: string, ...args: unknown[]): boolean {
      if (event !== 'request') return original.call(this, event, ...args);
      const request = args[0] as IncomingMessage;
      const response = args[1] as ServerResponse;
      if (instrumentation.getConfig().ignoreRequest?.(request) === true) {
        return context.with(suppressTracing(context.active()), () => original.call(this, event, ...args));
      }
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const span = instrumentation.tracer.startSpan(
        serverSpanName(request.method),
        { kind: SpanKind.SERVER, attributes: serverSpanAttributes(request) },
        parent,
      );
      // 'close' comes once per response: after 'finish' when it was sent, alone when the client went away first.
      response.once('close', () => {
        const { attributes, error } = serverSpanEndAttributes(response);
        span.setAttributes(attributes);
        if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
        span.end();
      });
      return context.with(trace.setSpan(parent, span), () => {
        try {
          return original.call(this, event, ...args);
        } catch (error) {
          span.recordException(error as Error);
          throw error;
        }
      });
    };
  }
}

/** Under ESM the hook hands over the module namespace; the patchable object is its default export. */
function moduleOf(exports: typeof import('node:http')): typeof import('node:http') {
  const namespace = exports as typeof exports & { default?: typeof exports };
  return (exports as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module' &&
    namespace.default !== undefined
    ? namespace.default
    : exports;
}
