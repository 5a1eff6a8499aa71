import { CollectorConfigError, formatIssues } from '@zips/collector-config';
import { UsageError, ZipsError } from '../errors.js';
import { findRepoRoot } from '../stack/find-repo-root.js';
import {
  checkStackFiles,
  type Drift,
  defaultStackOptions,
  type GeneratedFile,
  REGENERATE_COMMAND,
  renderStackFiles,
  writeStackFiles,
} from '../stack/index.js';
import { flagsToArgs, type TargetFlags, targetsFromFlags } from '../stack/targets-from-flags.js';

/** `zips config`: print, write or check the generated compose file, collector configuration and Tiltfile. */
export interface ConfigOptions extends TargetFlags {
  /** Write the files into the repository root. */
  write?: boolean;
  /** Fail (ZipsError, exit 1) when the files on disk differ from the generated ones. */
  check?: boolean;
  /** Machine-readable output. */
  json?: boolean;
  /** Where to start looking for the repository root. @default process.cwd() */
  cwd?: string;
}

export async function config(options: ConfigOptions): Promise<void> {
  if (options.write && options.check) {
    throw new UsageError(
      '--write and --check cannot be combined.',
      'Use --check to verify, --write to regenerate.',
    );
  }
  const files = render(options);
  if (!options.write && !options.check) {
    print(options.json ? `${JSON.stringify({ files }, null, 2)}\n` : files.map(asListing).join('\n'));
    return;
  }
  const root = await repoRoot(options.cwd ?? process.cwd());
  const fix = [REGENERATE_COMMAND, ...flagsToArgs(options)].join(' ');
  if (options.write) {
    await writeStackFiles(root, files);
    const paths = files.map((file) => file.path);
    print(
      options.json
        ? `${JSON.stringify({ written: paths }, null, 2)}\n`
        : paths.map((p) => `wrote ${p}\n`).join(''),
    );
    return;
  }
  const drift = await checkStackFiles(root, files, fix);
  if (options.json) print(`${JSON.stringify({ upToDate: drift.length === 0, drift }, null, 2)}\n`);
  if (drift.length > 0) {
    throw new ZipsError(`generated files are out of date: ${drift.map(describe).join(', ')}.`, {
      hint: `Run \`${fix}\` to regenerate them, then commit the result.`,
    });
  }
  if (!options.json) print(`${files.map((file) => file.path).join(', ')} up to date\n`);
}

function render(options: ConfigOptions): GeneratedFile[] {
  try {
    return renderStackFiles({ ...defaultStackOptions(), targets: targetsFromFlags(options) });
  } catch (error) {
    if (!(error instanceof CollectorConfigError)) throw error;
    throw new UsageError(
      `the chosen targets cannot be configured:\n${formatIssues(error.issues)}`,
      'Choose targets with --jaeger, --lightstep, --otlp-endpoint <url> --otlp-header name=ENV_VAR, or --debug.',
    );
  }
}

async function repoRoot(cwd: string): Promise<string> {
  const root = await findRepoRoot(cwd);
  if (root === undefined) {
    throw new ZipsError(`no zips repository found at or above ${cwd} (no package.json with "workspaces").`, {
      hint: 'Run `zips config --write` inside a clone of the zips repository, or print the files without --write.',
    });
  }
  return root;
}

function describe(drift: Drift): string {
  return drift.problem === 'missing'
    ? `${drift.path} (missing)`
    : `${drift.path} (differs from line ${drift.line})`;
}

function asListing(file: GeneratedFile): string {
  return `# ==> ${file.path} <==\n${file.contents}`;
}

function print(text: string): void {
  process.stdout.write(text);
}
