import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Build the CLI bundle (dist/cli) once per test run, so the tests that run
 * `consent-desk` in a child process (testing/cli-process.ts) test the bundle
 * built from the source under test, never a stale one. About 2 s.
 */
export default function buildCliBundle(): void {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs')], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}
