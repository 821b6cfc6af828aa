// `npm run test:unit:pg`: the handlers' suites again, each test backend on a
// practice server (CONSENT_DESK_TEST_ENGINE=postgres, electron/backend/testing/test-engine.ts).
// Skipped, saying so, where PostgreSQL is not installed, as the other PostgreSQL tests are.
import { spawnSync } from 'node:child_process';
import { findPgBinaries } from './pg-test-cluster.mjs';

if (findPgBinaries() === null) {
  console.warn('test:unit:pg skipped: PostgreSQL is not installed here (apt-get install -y postgresql, or set PG_BIN_DIR).');
  process.exit(0);
}
const run = spawnSync('npx', ['vitest', 'run', 'electron/backend/handlers', '--exclude', '**/*.engines.test.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CONSENT_DESK_TEST_ENGINE: 'postgres' },
});
process.exit(run.status ?? 1);
