import type { TraceFilter } from '@zips/collector/view';
import { render } from 'ink';
import { FeedSource, pollForever } from '../feed/feed-source.js';
import type { TraceFeed } from '../feed/trace-feed.js';
import { Dashboard } from './Dashboard.js';

/** Poll interval of the live dashboard: with a 1 s settle time a request shows up well within 1.5 s. */
const pollMs = 500;

/**
 * Draws the dashboard until the user quits. Loaded with `import()` only on a TTY, so the plain modes never pay for
 * React and Ink.
 */
export async function renderDashboard(feed: TraceFeed, label: string, filter: TraceFilter): Promise<void> {
  const source = new FeedSource(feed, label);
  const controller = new AbortController();
  const app = render(<Dashboard source={source} initialFilter={filter} />, {
    exitOnCtrlC: true,
    alternateScreen: true,
    // zips only gets here on a TTY (stdin and stdout), so draw live even where `CI` is set: Ink would otherwise
    // print only the last frame, and the dashboard would stay blank until `q`.
    interactive: true,
  });
  let failure: unknown;
  const polling = pollForever(feed, source, pollMs, controller.signal).catch((error: unknown) => {
    // A bug in the feed: leave the alternate screen first so the error is readable.
    failure = error;
    app.unmount();
  });
  try {
    await app.waitUntilExit();
  } finally {
    controller.abort();
    await polling;
  }
  if (failure !== undefined) throw failure;
}
