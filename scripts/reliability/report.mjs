// Prints the figures of the latest reliability run as Markdown rows, for RELIABILITY.md.
// Reads the NDJSON the scenarios append to (ZIPS_REL_OUT, default <tmp>/zips-reliability/results.ndjson);
// the latest entry of each scenario wins. Usage: node scripts/reliability/report.mjs [results.ndjson]
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file =
  process.argv[2] ?? process.env.ZIPS_REL_OUT ?? join(tmpdir(), 'zips-reliability', 'results.ndjson');
const latest = new Map();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const entry = JSON.parse(line);
  latest.set(entry.scenario, entry);
}

const describe = {
  fuzz: (r) =>
    `${r.requests} requests in ${r.seconds} s, seed ${r.seed}; statuses ${JSON.stringify(r.byStatus)}; ` +
    `${r.failures} malformed/5xx; alive ${r.alive}; RSS ${r.rssStartMiB}→${r.rssEndMiB} MiB`,
  load: (r) =>
    `${r.responses} responses, ${r.rps} req/s, errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; ` +
    `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms; spans ${r.spansReceived}/${r.spansExpected}; ` +
    `RSS start ${r.rssStartMiB}, warm ${r.rssWarmMiB}, end ${r.rssEndMiB}, max ${r.rssMaxMiB} MiB; exit ${r.exitCode} in ${r.exitMs} ms`,
  'backend-down': (r) =>
    `${r.responses} responses, errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; ` +
    `p99 before/outage/after ${r.p99BeforeMs}/${r.p99OutageMs}/${r.p99AfterMs} ms; spans sent ${r.spansSent}, ` +
    `received ${r.spansReceived}, lost ${r.spansLost} (before/during/after the outage ${r.lostBeforeOutage}/${r.lostDuringOutage}/${r.lostAfterOutage}; ` +
    `created during the outage ${r.spansCreatedDuringOutage}, SDK queue ${r.sdkQueue}); export resumed ${r.secondsToRecover} s after the restart; ` +
    `exporter complaint lines ${r.exporterComplaintLines}`,
  shutdown: (r) =>
    `${r.clients} clients, SIGTERM after ${r.loadS} s; answered ${r.answered}, handled ${r.handledByServer}, ` +
    `handled-not-answered ${r.handledButNotAnswered}, answered-without-spans ${r.answeredWithoutSpans}; ` +
    `client errors after SIGTERM ${JSON.stringify(r.clientErrorsAfterSigterm)}; exit ${r.exitCode} in ${r.exitMs} ms`,
  'query-api-fuzz': (r) =>
    `${r.requests} requests, seed ${r.seed}; statuses ${JSON.stringify(r.byStatus)}; ${r.failures} 5xx/non-JSON`,
  'receiver-abuse': (r) =>
    Object.entries(r.statuses)
      .map(([name, status]) => `${name} → ${status}`)
      .join('; '),
  'receiver-flood': (r) =>
    `${r.tracesSent} traces into a ring of ${r.maxTraces}; stored ${r.stats.traces}, dropped ${r.stats.droppedTraces} traces ` +
    `/ ${r.stats.droppedSpans} spans; RSS ${r.rssBeforeMiB}→${r.rssHalfMiB}→${r.rssEndMiB} MiB`,
  'cli-sigint': (r) =>
    Object.entries(r.outcomes)
      .map(([phase, outcome]) => `${phase}: ${outcome}`)
      .join('; '),
  'cli-concurrent-ups': (r) =>
    r.rounds
      .map(
        (x, i) =>
          `round ${i + 1}: exits ${x.codes.join('/')}, recorded ${x.recorded.length} pids, running ${x.running.length}`,
      )
      .join('; '),
  secrets: (r) =>
    `${r.commandsChecked} commands, ${r.filesChecked} files; found in files ${r.foundInFiles.length}, output ${r.foundInOutput.length}, ` +
    `argv ${r.foundInArgv.length}; server environment holds ${JSON.stringify(r.serverEnvironHasSecrets)}; ` +
    `forwarded header ok ${r.forwardedHeaderMatches}; app listens on ${r.appListensOn.join(', ')}`,
};

console.log('| scenario | when (load avg) | figures |');
console.log('| --- | --- | --- |');
for (const [scenario, r] of latest) {
  const kind = Object.keys(describe).find((k) => scenario === k || scenario.startsWith(`${k}-`));
  const text = kind ? describe[kind](r) : JSON.stringify(r);
  console.log(`| ${scenario} | ${r.at.slice(11, 16)} UTC (${r.loadavg1}) | ${text} |`);
}
