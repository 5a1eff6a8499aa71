/** Argument parsers for commander: invalid values become commander's InvalidArgumentError (exit code 2). */
import { InvalidArgumentError } from 'commander';
import { isRuntimeChoice, RUNTIME_CHOICES, type RuntimeChoice } from './runtime/runtime-choice.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError(
      `"${value}" is not a port: use a number from 1 to 65535, or 0 for any free port.`,
    );
  }
  return port;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return n;
}

/** `--runtime` and `ZIPS_RUNTIME`; an empty value (`ZIPS_RUNTIME=`) means the default, as if unset. */
export function parseRuntime(value: string): RuntimeChoice {
  const choice = value.trim() === '' ? 'auto' : value.trim();
  if (isRuntimeChoice(choice)) return choice;
  throw new InvalidArgumentError(`"${value}" is not a runtime: use ${RUNTIME_CHOICES.join(', ')}.`);
}

export function parseList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
