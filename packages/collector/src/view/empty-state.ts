/** Why a trace list is empty and what to do about it. */
export interface EmptyStateViewModel {
  title: string;
  reasons: string[];
  suggestions: string[];
}

/** Nothing to show because nothing has been traced yet (or not recently). */
export function noTracesYet(anyService: boolean): EmptyStateViewModel {
  return {
    title: anyService ? 'No requests in the time window yet.' : 'No service has sent traces yet.',
    reasons: [
      'Nothing has called the app yet, or its spans are still being exported.',
      'Or the app exports elsewhere (check OTEL_EXPORTER_OTLP_ENDPOINT).',
    ],
    suggestions: ['zips lookup 11215', 'zips doctor'],
  };
}

/** Traces exist but the filter hides them all; `howToWiden` says how to change it in this view. */
export function hiddenByFilter(count: number, howToWiden: string): EmptyStateViewModel {
  return {
    title: `${count} trace${count === 1 ? '' : 's'} hidden by the filter.`,
    reasons: ['Health checks are hidden by default; the filter may be too narrow.'],
    suggestions: [howToWiden],
  };
}
