// Runs one exported async function of a module in a fresh process and prints its result as the last stdout line,
// so figures like RSS and CPU belong to that function and not to the bench harness.
// Usage: node bench/call-export.js <module path> <export name> [options as JSON]
import { pathToFileURL } from 'node:url';

const [modulePath, exportName, options] = process.argv.slice(2);
const mod = await import(pathToFileURL(modulePath).href);
const result = await mod[exportName](options ? JSON.parse(options) : undefined);
process.stdout.write(`\n${JSON.stringify(result)}\n`);
