/**
 * Progress and diagnostics on stderr (stdout stays for results). On an interactive terminal slow steps get a
 * spinner; in CI or when piped, each step prints one line when it finishes, so logs stay short and readable.
 */
import { paint } from './style.js';
import { isCi, isVerbose } from './verbosity.js';

export interface Reporter {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Runs `work` as a named step; `update` replaces the detail shown next to the spinner (e.g. build progress). */
  step<T>(title: string, work: (update: (detail: string) => void) => Promise<T>): Promise<T>;
}

export interface ReporterOptions {
  /** @default process.stderr */
  stream?: NodeJS.WriteStream;
  /** Animate a spinner. @default stream is a TTY and not CI and TERM is not "dumb" */
  interactive?: boolean;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createReporter(options: ReporterOptions = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const interactive =
    options.interactive ?? (stream.isTTY === true && !isCi() && process.env.TERM !== 'dumb');
  const line = (text: string) => stream.write(`${text}\n`);
  return {
    info: (message) => line(message),
    warn: (message) => line(`${paint('yellow', 'warning', stream)} ${message}`),
    debug: (message) => {
      if (isVerbose()) line(paint('dim', `debug ${message}`, stream));
    },
    step: (title, work) => runStep(stream, interactive, title, work),
  };
}

async function runStep<T>(
  stream: NodeJS.WriteStream,
  interactive: boolean,
  title: string,
  work: (update: (detail: string) => void) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  let detail = '';
  let frame = 0;
  const draw = () => {
    // Cut the plain text to the terminal width before styling, so the line never wraps (or cuts an escape code).
    const room = Math.max((stream.columns || 120) - 3 - title.length, 0);
    const extra = detail && room > 1 ? paint('dim', ` ${detail.slice(0, room - 1)}`, stream) : '';
    stream.write(`\r\x1b[K${paint('cyan', frames[frame++ % frames.length] ?? '-', stream)} ${title}${extra}`);
  };
  const timer = interactive ? setInterval(draw, 80) : undefined;
  if (interactive) draw();
  const finish = (ok: boolean) => {
    if (timer) clearInterval(timer);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const mark = ok ? paint('green', '✓', stream) : paint('red', '✗', stream);
    stream.write(
      `${interactive ? '\r\x1b[K' : ''}${mark} ${title} ${paint('dim', `(${seconds}s)`, stream)}\n`,
    );
  };
  try {
    const result = await work((text) => {
      detail = text.replace(/\s+/g, ' ').trim();
    });
    finish(true);
    return result;
  } catch (error) {
    finish(false);
    throw error;
  }
}
