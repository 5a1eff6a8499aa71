/**
 * Which stock instrumentations the standard variables ask for, read as `@opentelemetry/auto-instrumentations-node`
 * reads them: comma-separated names without the `@opentelemetry/instrumentation-` prefix, spaces around a name
 * ignored; `OTEL_NODE_DISABLED_INSTRUMENTATIONS` removes names from the enabled list. One difference, on
 * purpose: unset, `OTEL_NODE_ENABLED_INSTRUMENTATIONS` means zips' lean default (its own HTTP server
 * instrumentation only), not every instrumentation there is.
 */
import {
  isStockInstrumentationName,
  STOCK_INSTRUMENTATION_NAMES,
  type StockInstrumentationName,
} from './stock-instrumentations.js';

export const ENABLED_VARIABLE = 'OTEL_NODE_ENABLED_INSTRUMENTATIONS';
export const DISABLED_VARIABLE = 'OTEL_NODE_DISABLED_INSTRUMENTATIONS';

export interface InstrumentationSelection {
  /** The stock instrumentations to load beside zips' own, in the order named. */
  names: StockInstrumentationName[];
  /** One line per variable that names an instrumentation zips does not ship (ignored, not fatal). */
  warnings: string[];
}

export function selectStockInstrumentations(env: NodeJS.ProcessEnv): InstrumentationSelection {
  const enabled = namesIn(env[ENABLED_VARIABLE]);
  const disabled = new Set(namesIn(env[DISABLED_VARIABLE]));
  // Disabled names matter only against an enabled list: zips' default has no stock instrumentation to remove.
  const checked = enabled.length > 0 ? [ENABLED_VARIABLE, DISABLED_VARIABLE] : [];
  return {
    names: enabled.filter(
      (name): name is StockInstrumentationName => isStockInstrumentationName(name) && !disabled.has(name),
    ),
    warnings: checked.flatMap((variable) => unknownNamesWarning(variable, namesIn(env[variable]))),
  };
}

function namesIn(value: string | undefined): string[] {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return [...new Set(names)];
}

function unknownNamesWarning(variable: string, names: readonly string[]): string[] {
  const unknown = names.filter((name) => !isStockInstrumentationName(name));
  if (unknown.length === 0) return [];
  return [
    `zips telemetry: ${variable} names ${unknown.join(', ')}, which zips does not ship (ignored); ` +
      `known: ${STOCK_INSTRUMENTATION_NAMES.join(', ')}`,
  ];
}
