/**
 * Generated requests for the fuzz scenario: every route of the server, with paths, queries and headers built from
 * hostile pieces (random bytes, unicode, malformed and overlong percent-encodings, traversal, huge and bad headers).
 */
import type { Random } from '@zips/test-support/prng';
import type { RawRequest } from '@zips/test-support/raw-http';

/** Echoed into pages and problem bodies; the HTML must never contain it unescaped. */
export const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
export const ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>';

const ROUTES = ['/', '/lookup', '/static/zips.css', '/{zip}', '/zips', '/zips/{zip}', '/healthz', '/readyz'];
// Express matches routes case-insensitively and ignores one trailing slash, so these reach the same handlers.
const ROUTE_VARIANTS = [
  '/ZIPS/{zip}',
  '/Zips',
  '/zips/{zip}/',
  '/HEALTHZ',
  '/healthz/',
  '/readyz/',
  '/Zips/',
  '/LOOKUP',
  '/Static/zips.css',
];
const KNOWN_ZIPS = ['11215', '00501', '90210', '60614', '88001', '10001'];
const QUERY_NAMES = [
  'zip',
  'state',
  'city',
  'limit',
  'cursor',
  'state[]',
  'city[foo]',
  '__proto__',
  'constructor',
  '',
];
const METHODS = [
  'GET',
  'GET',
  'GET',
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'OPTIONS',
  'DELETE',
  'PUT',
  'PATCH',
  'TRACE',
  'FOO',
];

const NASTY = [
  '%',
  '%%',
  '%E0%A4%A',
  '%zz',
  '%C0%AF',
  '%C0%AE%C0%AE%2F',
  '%E0%80%AF',
  '%F0%80%80%AF',
  '%ED%A0%80',
  '%FF%FE',
  '%00',
  '%0d%0a',
  '..%2f',
  '..%2F..%2F',
  '%2e%2e%2f',
  '%252e%252e%252f',
  '../',
  '..\\',
  '....//',
  '/etc/passwd',
  '.env',
  ';',
  '//',
  '#',
  '?',
  '&',
  '=',
  '+',
  '~',
  // A literal template-injection probe, not a template string.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is the literal text
  '${jndi:ldap://x}',
  '{{7*7}}',
  '{% raw %}',
  SCRIPT_PAYLOAD,
  ATTRIBUTE_PAYLOAD,
  "'",
  '"',
  '`',
  'é',
  '東京',
  '🙂',
  '\u202e',
  '\uffff',
  'ZIPS',
  'Zips',
  '1121',
  '112155',
  '１１２１５',
  '-1',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  ' ',
  '\t',
];

const BAD_TRACEPARENTS = [
  '',
  'garbage',
  '00-00000000000000000000000000000000-0000000000000000-01',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
  'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz',
  '00-4bf92f3577b34da6a3ce929d0e0e47-00f067aa0ba902b7-01',
  '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra-fields',
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'.repeat(200),
  '00--- -',
];

/** One generated request. */
export function generateRequest(random: Random): RawRequest {
  const method = random.pick(METHODS);
  const target = `${generatePath(random)}${random.chance(0.6) ? `?${generateQuery(random)}` : ''}`;
  return { method, target: sanitizeTarget(target), headers: generateHeaders(random) };
}

/** A random path: a real route with hostile pieces put in, or a path made of them. */
export function generatePath(random: Random): string {
  if (random.chance(0.15))
    return `/${Array.from({ length: 1 + random.int(4) }, () => piece(random)).join('/')}`;
  const route = random.chance(0.1) ? random.pick(ROUTE_VARIANTS) : random.pick(ROUTES);
  if (!route.includes('{zip}'))
    return random.chance(0.3) ? `${route}${route.endsWith('/') ? '' : '/'}${piece(random)}` : route;
  return route.replace('{zip}', random.chance(0.25) ? random.pick(KNOWN_ZIPS) : piece(random));
}

/** A hostile path segment or value. */
export function piece(random: Random): string {
  switch (random.int(8)) {
    case 0:
      return randomBytesEncoded(random, 1 + random.int(24));
    case 1:
      return encodeURIComponent(randomUnicode(random, 1 + random.int(12)));
    case 2:
      return randomUnicode(random, 1 + random.int(8));
    case 3:
      return '9'.repeat(1 + random.int(random.chance(0.1) ? 9000 : 40));
    case 4:
      return Array.from({ length: 1 + random.int(4) }, () => random.pick(NASTY)).join('');
    case 5:
      return random.pick(NASTY);
    case 6:
      return String(random.int(100_000)).padStart(5, '0');
    default:
      return encodeURIComponent(random.pick(NASTY));
  }
}

function generateQuery(random: Random): string {
  const count = 1 + random.int(random.chance(0.05) ? 60 : 4);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = random.chance(0.8) ? random.pick(QUERY_NAMES) : piece(random);
    parts.push(random.chance(0.1) ? name : `${name}=${queryValue(random, name)}`);
  }
  return parts.join(random.chance(0.9) ? '&' : ';');
}

function queryValue(random: Random, name: string): string {
  if (random.chance(0.3)) {
    if (name === 'state') return random.pick(['NY', 'ny', 'CA', 'ZZ', 'N', 'NYC']);
    if (name === 'limit') return random.pick(['1', '10', '1000', '1001', '0', '-5', '1.5', '99999999999']);
    if (name === 'cursor' || name === 'zip') return random.pick(KNOWN_ZIPS);
    if (name === 'city') return random.pick(['brooklyn', 'Brooklyn', 'new%20york', 'x'.repeat(101)]);
  }
  return piece(random);
}

function generateHeaders(random: Random): [string, string][] {
  const headers: [string, string][] = [];
  if (random.chance(0.4)) headers.push(['traceparent', random.pick(BAD_TRACEPARENTS)]);
  if (random.chance(0.1)) headers.push(['tracestate', randomBytesEncoded(random, 1 + random.int(600))]);
  if (random.chance(0.2))
    headers.push([
      'Accept-Encoding',
      random.pick(['gzip', 'br', 'gzip;q=0, br;q=0', '*', 'x'.repeat(300), 'identity']),
    ]);
  if (random.chance(0.1))
    headers.push(['If-None-Match', random.pick(['*', '"x"', 'W/"', ',,,', 'x'.repeat(2000)])]);
  if (random.chance(0.1))
    headers.push(['Accept', random.pick(['application/json', 'text/html', '*/*;q=abc', '\u00ff'])]);
  if (random.chance(0.03)) headers.push(['X-Huge', 'h'.repeat(20_000 + random.int(20_000))]);
  if (random.chance(0.03)) {
    for (let i = 0; i < 150; i++) headers.push([`X-Many-${i}`, String(i)]);
  }
  if (random.chance(0.03))
    headers.push(['Content-Length', random.pick(['-1', 'abc', '99999999999999999999'])]);
  return headers;
}

/** A request target cannot hold raw CR, LF or spaces without ending the request line; keep them escaped. */
function sanitizeTarget(target: string): string {
  return target.replace(/[\r\n ]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function randomBytesEncoded(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const byte = random.int(256);
    const c = String.fromCharCode(byte);
    out +=
      byte > 32 && byte < 127 && random.chance(0.5) && !'%#?/ '.includes(c)
        ? c
        : `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function randomUnicode(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xa0, 0x2ff],
      [0x400, 0x4ff],
      [0x4e00, 0x9fff],
      [0x1f300, 0x1f6ff],
    ];
    const [lo, hi] = random.pick(ranges);
    out += String.fromCodePoint(lo + random.int(hi - lo + 1));
  }
  return out;
}
