/**
 * Process entry of the background span export started by `zips lookup`: the CLI answers at once and this short
 * process loads the OTel SDK and exports the CLIENT span. Input: ZIPS_SPAN_RECORD (JSON, no secrets). Output: one
 * line in the log file its stdout goes to, and the exit code (0 exported, 1 not).
 */
import { type ClientSpanRecord, exportClientSpan } from './client-span.js';

const record = JSON.parse(process.env.ZIPS_SPAN_RECORD ?? '{}') as ClientSpanRecord;
const failure = await exportClientSpan(record);
const when = new Date().toISOString();
if (failure) {
  process.stdout.write(
    `${when} lookup span ${record.ids?.traceId}: not exported to ${record.endpoint}: ${failure}\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write(`${when} lookup span ${record.ids.traceId}: exported to ${record.endpoint}\n`);
}
