/**
 * The zips-owned seam around Docker Compose: `docker compose` (v2 plugin) when present, else `docker-compose`
 * (v1). Runs through execa with cancellation; failures keep the command line, exit code and stderr tail.
 */
import { ExternalCommandError, UsageError } from '../errors.js';

export type ComposeFlavour =
  | { kind: 'v2'; command: ['docker', 'compose']; version: string }
  | { kind: 'v1'; command: ['docker-compose']; version: string };

export interface ComposeProject {
  projectName: string;
  files: string[];
  /** Directory the relative paths in the compose file are resolved against. */
  cwd: string;
}

export interface ComposeServiceState {
  service: string;
  state: string;
  health: string;
  /** The container's exit code (0 while it runs). */
  exitCode: number;
}

/** Which compose flavours `ZIPS_COMPOSE` may ask for; unset, `docker compose` (v2) is preferred, then v1. */
export const COMPOSE_CHOICES = ['v2', 'v1'] as const;

/**
 * The compose flavours to try, in order: both, or the one `ZIPS_COMPOSE` names (for a machine with both, e.g. to
 * check a stack with Debian's docker-compose 1.29 too).
 * @throws {UsageError} for a value other than v1 or v2
 */
export function composeCandidates(env: NodeJS.ProcessEnv = process.env): readonly ('v1' | 'v2')[] {
  const choice = env.ZIPS_COMPOSE?.trim();
  if (!choice) return COMPOSE_CHOICES;
  if (choice === 'v1' || choice === 'v2') return [choice];
  throw new UsageError(
    `ZIPS_COMPOSE="${choice}" is not a compose flavour.`,
    'Use ZIPS_COMPOSE=v2 (`docker compose`) or ZIPS_COMPOSE=v1 (`docker-compose`), or unset it to pick v2 when installed.',
  );
}

/** Which compose is installed (of those {@link composeCandidates} allows), or undefined when none is. */
export async function detectCompose(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ComposeFlavour | undefined> {
  const { execa } = await import('execa');
  for (const kind of composeCandidates(env)) {
    if (kind === 'v2') {
      const v2 = await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 20_000 });
      if (v2.exitCode === 0)
        return { kind: 'v2', command: ['docker', 'compose'], version: String(v2.stdout).trim() };
    } else {
      const v1 = await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 20_000 });
      if (v1.exitCode === 0)
        return { kind: 'v1', command: ['docker-compose'], version: String(v1.stdout).trim() };
    }
  }
  return undefined;
}

export class ComposeClient {
  constructor(
    readonly flavour: ComposeFlavour,
    readonly project: ComposeProject,
  ) {}

  async up(services: string[] = [], signal?: AbortSignal): Promise<void> {
    // Named services start alone (--no-deps): that is how `--services zips` runs without the collector and Jaeger images.
    const only = services.length > 0 ? ['--no-deps', ...services] : ['--remove-orphans'];
    await this.run(['up', '-d', ...only], signal);
  }

  async down(volumes: boolean): Promise<void> {
    await this.run(['down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])]);
  }

  async logs(
    service: string | undefined,
    options: { tail: number; follow?: boolean; signal?: AbortSignal },
  ): Promise<string> {
    const args = [
      'logs',
      '--no-color',
      '--tail',
      String(options.tail),
      ...(options.follow ? ['-f'] : []),
      ...(service ? [service] : []),
    ];
    if (options.follow) {
      await this.run(args, options.signal, 'inherit');
      return '';
    }
    return this.run(args, options.signal);
  }

  /**
   * Service states of every container of the project, stopped ones included (v2's `ps` lists only running ones
   * without `--all`), parsed from container inspection so it works with v1 and v2 alike.
   */
  async ps(): Promise<ComposeServiceState[]> {
    const ids = (await this.run(['ps', '--all', '-q'])).split('\n').filter(Boolean);
    if (ids.length === 0) return [];
    const { execa } = await import('execa');
    const format =
      '{{index .Config.Labels "com.docker.compose.service"}}\t{{.State.Status}}\t{{if .State.Health}}{{.State.Health.Status}}{{end}}\t{{.State.ExitCode}}';
    const result = await execa('docker', ['inspect', '--format', format, ...ids], { reject: false });
    return String(result.stdout)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [service = '', state = '', health = '', exitCode = '0'] = line.split('\t');
        return { service, state, health: health || 'none', exitCode: Number(exitCode) || 0 };
      });
  }

  private async run(
    args: string[],
    signal?: AbortSignal,
    stdout: 'pipe' | 'inherit' = 'pipe',
  ): Promise<string> {
    const { execa } = await import('execa');
    const [file, ...pre] = this.flavour.command;
    const full = [
      ...pre,
      '-p',
      this.project.projectName,
      ...this.project.files.flatMap((f) => ['-f', f]),
      ...args,
    ];
    const result = await execa(file, full, {
      cwd: this.project.cwd,
      reject: false,
      cancelSignal: signal,
      stdout,
      stderr: stdout === 'inherit' ? 'inherit' : 'pipe',
    });
    if (result.exitCode !== 0 && !result.isCanceled) {
      throw new ExternalCommandError([file, ...full].join(' '), result.exitCode, String(result.stderr ?? ''));
    }
    return String(result.stdout ?? '');
  }
}
