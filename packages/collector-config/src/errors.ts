import type { ValidationIssue } from './types.js';

/** Thrown when an input cannot be turned into a configuration; `issues` carries every problem found. */
export class CollectorConfigError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(`invalid collector configuration:\n${formatIssues(issues)}`);
    this.name = 'CollectorConfigError';
    this.issues = issues;
  }
}

/** One line per issue: `path: message (fix: ...)`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `  ${issue.path}: ${issue.message} Fix: ${issue.fix}`).join('\n');
}
