import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions';

// The methods the HTTP semantic conventions know; any other is recorded as `_OTHER` plus the original.
const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/** The server span's first name: the method, or `HTTP` for a method the conventions do not know. */
export function serverSpanName(method = 'GET'): string {
  return KNOWN_METHODS.has(method) ? method : 'HTTP';
}

/** Stable HTTP server attributes known when a request arrives (semantic conventions, `http` stability). */
export function serverSpanAttributes(request: IncomingMessage): Attributes {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const method = request.method ?? 'GET';
  const knownMethod = KNOWN_METHODS.has(method);
  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: knownMethod ? method : '_OTHER',
    [ATTR_URL_SCHEME]: (request.socket as TLSSocket).encrypted === true ? 'https' : 'http',
    [ATTR_URL_PATH]: query === -1 ? url : url.slice(0, query),
    [ATTR_NETWORK_PROTOCOL_VERSION]: request.httpVersion,
    [ATTR_CLIENT_ADDRESS]: request.socket.remoteAddress,
  };
  if (!knownMethod) attributes[ATTR_HTTP_REQUEST_METHOD_ORIGINAL] = method;
  if (query !== -1) attributes[ATTR_URL_QUERY] = url.slice(query + 1);
  const host = request.headers.host;
  if (host !== undefined) Object.assign(attributes, hostAttributes(host));
  const userAgent = request.headers['user-agent'];
  if (userAgent !== undefined) attributes[ATTR_USER_AGENT_ORIGINAL] = userAgent;
  return attributes;
}

/** `server.address` and `server.port` from a Host header (`name`, `name:port`, `[v6]:port`). */
function hostAttributes(host: string): Attributes {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(host);
  if (match === null) return {};
  const [, address, port] = match;
  return port === undefined
    ? { [ATTR_SERVER_ADDRESS]: address }
    : { [ATTR_SERVER_ADDRESS]: address, [ATTR_SERVER_PORT]: Number(port) };
}

/**
 * What a response adds to its span when it is done, and the error to mark it with: a 5xx (the server failed),
 * or a response that was never completely sent (the client went away). 4xx is the client's error, not the
 * server's, so it leaves the status unset, as the conventions say for server spans.
 */
export function serverSpanEndAttributes(response: ServerResponse): {
  attributes: Attributes;
  error?: string;
} {
  if (!response.writableFinished) {
    const attributes: Attributes = { [ATTR_ERROR_TYPE]: 'response_not_sent' };
    if (response.headersSent) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = response.statusCode;
    return { attributes, error: 'the connection closed before the response was sent' };
  }
  const status = response.statusCode;
  if (status >= 500) {
    return {
      attributes: { [ATTR_HTTP_RESPONSE_STATUS_CODE]: status, [ATTR_ERROR_TYPE]: String(status) },
      error: `HTTP ${status}`,
    };
  }
  return { attributes: { [ATTR_HTTP_RESPONSE_STATUS_CODE]: status } };
}
