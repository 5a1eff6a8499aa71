/** What `zips up` was asked to start, normalised once so both runtimes read the same plan. */
import type { Reporter } from '../output/reporter.js';
import type { ResolvedTargets, TargetOptions } from './targets.js';

export interface StackPlan {
  /** Project root; state goes to its `.zips/` (or ZIPS_STATE_DIR). */
  root: string;
  /** Requested ports; 0 means any free port. */
  ports: { app: number; otlpHttp: number; traceQuery: number };
  jaeger: boolean;
  /** The target flags as given (the Docker runtime hands them to the stack generators). */
  flags: TargetOptions;
  targets: ResolvedTargets;
  timeoutMs: number;
  maxTraces?: number;
  /** Docker: limit compose to these services. */
  services?: string[];
}

/** What a runtime needs from the command while starting: where to report progress, and Ctrl-C. */
export interface StartContext {
  reporter: Reporter;
  signal: AbortSignal;
}

export interface ServiceStatus {
  name: string;
  /** `completed`: a one-shot service (the queue volume's owner) that did its work and exited 0. */
  state: 'running' | 'stopped' | 'starting' | 'exited' | 'completed' | 'unknown';
  health: 'healthy' | 'unhealthy' | 'unknown';
  url?: string;
  pid?: number;
  detail?: string;
}
