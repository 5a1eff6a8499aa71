/** One line of the `zips doctor` report. */
export interface Check {
  /** What was checked, e.g. "Node.js". */
  name: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
}
