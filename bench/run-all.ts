/**
 * `npm run bench`: every benchmark under bench/, one after another, each in
 * its own Node.js process (so one's caches, heap and JIT state never help or
 * hurt the next), with its defaults. Run one alone with its options through
 * its own script, e.g. `npm run bench:coverage -- --posts 100000`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const benches = [
  { file: 'store.bench.ts', what: 'Store: the cost of encryption on audited writes, and of signing in' },
  { file: 'pdf.bench.ts', what: 'PDF: one signed authorization, against a bare pdf-lib document' },
  { file: 'coverage.bench.ts', what: 'Coverage: every post against its consent, 10,000 consents and 50,000 posts' },
  { file: 'export.bench.ts', what: 'Audit export: 10,000 signed authorizations to a bundle, against the system zip' },
  { file: 'cli-startup.bench.ts', what: 'CLI: consent-desk --help and status, the bundle against the source through tsx' },
  { file: 'scale.bench.ts', what: 'Scale: every list, the dashboard, kept coverage, midnight and sign-in at 1k, 10k and 100k authorizations' },
  { file: 'checker-eval.ts', what: 'Checkers: review replies and captions against their corpus, recall and false positives' },
  { file: 'pg-store.bench.ts', what: 'PostgreSQL: audited writes, the coverage check of 50,000 posts and an export\'s reads, against SQLite (skips without PostgreSQL)' },
  { file: 'main-loop.bench.ts', what: 'Main loop: its longest gap while a sign-in, a report PDF and an export run (needs npm run build:electron)' },
];

const failed: string[] = [];
for (const [i, bench] of benches.entries()) {
  const title = `[${i + 1}/${benches.length}] ${bench.what} (bench/${bench.file})`;
  console.log(`\n${title}\n${'='.repeat(title.length)}\n`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, bench.file)], { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (run.status !== 0) failed.push(`bench/${bench.file} (${run.signal ?? `exit ${run.status}`})`);
  console.log(`\n(${bench.file}: ${seconds} s)`);
}
if (failed.length) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
