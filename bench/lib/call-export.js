import { execFile } from 'node:child_process';

/**
 * Calls `exportName` of `modulePath` in a child node process (see bench/call-export.js) and returns its result.
 * @param {string} modulePath
 * @param {string} exportName
 * @param {object} [options] passed as the function's only argument
 * @param {number} [timeoutMs] default 5 minutes
 */
export function callExport(modulePath, exportName, options, timeoutMs = 300_000) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bench/call-export.js', modulePath, exportName, ...(options ? [JSON.stringify(options)] : [])],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          return reject(
            new Error(`${exportName}() in ${modulePath} failed: ${error.message}\n${stderr.slice(-2000)}`),
          );
        const last = stdout.trimEnd().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last));
        } catch {
          reject(new Error(`${exportName}() printed no JSON result; stdout tail:\n${stdout.slice(-2000)}`));
        }
      },
    );
  });
}
