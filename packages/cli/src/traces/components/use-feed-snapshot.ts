import { useEffect, useRef, useState } from 'react';
import type { FeedSnapshot, SnapshotSource } from '../feed/feed-snapshot.js';

/**
 * The latest snapshot of the source, refreshed at most every `frameMs` however fast data arrives, so a burst of
 * spans costs one frame rather than one per batch. While paused the picture stays as it was.
 */
export function useFeedSnapshot(source: SnapshotSource, paused: boolean, frameMs: number): FeedSnapshot {
  const [snapshot, setSnapshot] = useState(() => source.snapshot());
  const lastFrame = useRef(0);
  useEffect(() => {
    if (paused) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const refresh = () => {
      timer = undefined;
      lastFrame.current = Date.now();
      setSnapshot(source.snapshot());
    };
    const onData = () => {
      if (timer) return;
      const wait = Math.max(0, lastFrame.current + frameMs - Date.now());
      timer = setTimeout(refresh, wait);
    };
    // Catch up on what arrived while paused.
    refresh();
    const unsubscribe = source.subscribe(onData);
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [source, paused, frameMs]);
  return snapshot;
}
