import type { ReceivedBatch } from '../receive/otlp-receiver.js';
import { type ForwarderOptions, type ForwardTargetStats, TargetQueue } from './forward-queue.js';
import { type ForwardTarget, resolveTarget } from './forward-target.js';

export type { ForwarderOptions, ForwardTargetStats } from './forward-queue.js';
export type { ForwardTarget } from './forward-target.js';

/**
 * Fans received batches out to the targets asynchronously: a bounded queue and one request at a time per target,
 * so a slow or broken target never slows the receiver. Failures are logged when a target's state changes, not per
 * batch, and header values are never logged.
 */
export class Forwarder {
  readonly #targets: TargetQueue[];

  constructor(targets: readonly ForwardTarget[], options: ForwarderOptions) {
    const env = options.env ?? process.env;
    this.#targets = targets.map(
      (target) => new TargetQueue(target.name, resolveTarget(target, env), options),
    );
  }

  enqueue(batch: ReceivedBatch): void {
    for (const target of this.#targets) target.enqueue(batch);
  }

  stats(): ForwardTargetStats[] {
    return this.#targets.map((target) => target.stats());
  }

  /** Waits for queued batches to be sent, at most `timeoutMs`, then abandons the rest. */
  async close(timeoutMs = 2_000): Promise<void> {
    await Promise.all(this.#targets.map((target) => target.close(timeoutMs)));
  }
}
