/**
 * Every custom span attribute zips sets lives under `zips.*` and is named here, so dashboards and tests
 * have one list to read. Standard keys (`http.route`) come from the OpenTelemetry semantic conventions.
 */
export const ZipsAttributes = {
  /** The ZIP code looked up, exactly as requested once it passed validation. */
  ZIP: 'zips.zip',
  /** Whether the lookup found a record. */
  FOUND: 'zips.found',
  /** Other ZIP codes of the same place found for an HTML page (at most the page shows). */
  NEIGHBOUR_COUNT: 'zips.neighbour_count',
  /** Records returned by a list request (after pagination). */
  RESULT_COUNT: 'zips.result_count',
  /** Records matching the filters, before pagination. */
  MATCH_COUNT: 'zips.match_count',
  /** `state` filter of a list request. */
  FILTER_STATE: 'zips.filter.state',
  /** `city` filter of a list request. */
  FILTER_CITY: 'zips.filter.city',
  /** `limit` of a paginated list request. */
  PAGE_LIMIT: 'zips.page.limit',
  /** Template rendered for an HTML page. */
  TEMPLATE: 'zips.template',
} as const;

/** Names of zips' own internal spans. */
export const ZipsSpans = {
  LOOKUP: 'zips.lookup',
  FILTER: 'zips.filter',
  RENDER: 'zips.render',
} as const;

/** `http.route` from the stable HTTP semantic conventions. */
export const ATTR_HTTP_ROUTE = 'http.route';
