#!/usr/bin/env node
// The `consent-desk` command. It runs the precompiled, code-split bundle in
// dist/cli (scripts/build-cli.mjs, built at `prepare` and before `npm test`),
// which starts at once. Without it (installed with --ignore-scripts) it runs
// the TypeScript source through tsx, a runtime dependency, about a second
// slower per command. tsImport scopes tsx's loader to the entry, leaving the
// rest of this Node.js process untouched.
import fs from 'node:fs';

const bundle = new URL('../dist/cli/main.mjs', import.meta.url);

if (fs.existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('consent-desk: running from source (slower); run "npm run build:cli" to build the fast start-up bundle.\n');
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../electron/cli/main.ts', import.meta.url);
}
