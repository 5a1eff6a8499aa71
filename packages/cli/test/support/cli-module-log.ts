/**
 * Preloaded with `node --import` by cli-fast-start.test: appends every module URL the process loads to the file
 * named by ZIPS_TEST_MODULE_LOG, so the test can tell which packages a command pulled in.
 */
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env.ZIPS_TEST_MODULE_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
