// Bundles the `consent-desk` command into dist/cli, so that it starts at once
// instead of compiling TypeScript through tsx on every run (0.9 to 1.8 s).
// Code-split ESM: the entry holds argument parsing and every command's help;
// each command's work (the backend, PDFs, zip) is a chunk loaded by dynamic
// import when it runs, so `--help` and usage errors load none of it.
// Runs at `prepare` (after `npm ci` or `npm install`) and before `npm test`;
// bin/consent-desk.mjs falls back to tsx when the bundle is missing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Without dev dependencies (npm ci --omit=dev) there is no esbuild: the command still works, through tsx.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  console.warn('consent-desk: esbuild is not installed, so the CLI bundle was not built; the command will run from source.');
  process.exit(0);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'cli');

/** Loaded from node_modules at run time: native addons cannot be bundled. */
const nativePackages = ['better-sqlite3-multiple-ciphers', 'sharp', 'electron'];

/**
 * zod's namespace (`import { z } from 'zod'`) re-exports every one of its 60-odd
 * locales, which a bundler cannot leave out: about 300 KiB that every command
 * that signs in would parse. No code here selects a locale (zod's English
 * messages are its default, and the ones users read are ours), so the
 * command's bundle keeps English only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  tsconfig: path.join(root, 'tsconfig.json'),
  external: nativePackages,
  plugins: [zodEnglishOnly],
};

// A fresh folder: chunk names carry content hashes, so stale chunks would pile up.
fs.rmSync(outdir, { recursive: true, force: true });

const [cli] = await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/cli/main.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // CommonJS packages bundled into ESM still call require() (for Node built-ins).
    banner: { js: 'import { createRequire as __cliCreateRequire } from "node:module"; const require = __cliCreateRequire(import.meta.url);' },
  }),
  // The worker threads, each loaded from beside the chunk that starts it, as the desktop bundle does:
  // the PDF worker (rendering/time-limited-pdf.ts) and the backup's copy-and-check (backup/backup-copy.ts).
  ...['electron/backend/rendering/pdf-worker.ts', 'electron/backend/backup/backup-copy-worker.ts'].map((entry) =>
    build({
      ...common,
      entryPoints: [entry],
      outfile: path.join(outdir, 'chunks', `${path.basename(entry, '.ts')}.cjs`),
      format: 'cjs',
      banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
      define: { 'import.meta.url': '__bundleUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    }),
  ),
]);

const entry = cli.metafile.outputs['dist/cli/main.mjs'];
const chunks = Object.keys(cli.metafile.outputs).filter((file) => !file.endsWith('.map')).length;
if (process.argv.includes('--verbose') || !entry) {
  for (const [file, output] of Object.entries(cli.metafile.outputs)) if (!file.endsWith('.map')) console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} KiB`);
}
if (!entry) throw new Error('The CLI bundle has no dist/cli/main.mjs.');
console.log(`consent-desk bundled into dist/cli (${chunks} files; the entry ${(entry.bytes / 1024).toFixed(1)} KiB).`);
