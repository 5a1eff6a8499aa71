/** What to run as a background process (types only, so command builders need not load the spawning code). */
export interface DaemonSpec {
  /** Short service name used in messages, e.g. "server". */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
}
