// Bundles the Electron shell: the main process and the preload, each into one
// CommonJS file inside app/dist (app/ is what electron-builder packages). The preload runs sandboxed, where `require` knows only
// `electron` and a few Node built-ins, so it must not import anything else.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the bundles load from app/node_modules at run time: app/package.json's dependencies, nothing else. */
const runtimePackages = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'app', 'package.json'), 'utf8')).dependencies);

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  tsconfig: path.join(root, 'tsconfig.json'),
};

/** The contract's call names, read by running the contract once at build time. */
async function contractCallNames() {
  const result = await build({ ...common, entryPoints: ['shared/contract.ts'], format: 'esm', write: false, metafile: false, sourcemap: false });
  const source = result.outputFiles[0].text;
  const { callNames } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  if (!Array.isArray(callNames) || callNames.length === 0) throw new Error('shared/contract.ts exports no callNames.');
  return callNames;
}

/**
 * The preload needs only the call names, but importing shared/contract.ts
 * drags in zod and every schema (about 450 KiB minified). So in the preload
 * bundle the contract module is replaced by its names, computed above: still
 * derived from the contract, without the weight. Importing anything else from
 * it in the preload fails the build ("No matching export").
 */
function contractNamesOnly(names) {
  return {
    name: 'contract-names-only',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /[\\/]shared[\\/]contract(\.ts)?$/ }, (args) => ({
        path: path.relative(root, path.resolve(args.resolveDir, args.path)),
        namespace: 'contract-names-only',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'contract-names-only' }, () => ({
        contents: `export const callNames = Object.freeze(${JSON.stringify(names)});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The backend is ESM source; CommonJS has no import.meta, so point it at
 * the bundle. Package lookups (createRequire(import.meta.url).resolve) keep
 * working; paths relative to a source file would not.
 */
const esmSourceAsCommonJs = {
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
};

const targets = [
  {
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: 'app/dist/main/index.cjs',
    target: 'node22',
    // Native modules are loaded at run time from app/node_modules (built for
    // Electron's ABI there); app/package.json lists exactly these.
    external: ['electron', ...runtimePackages],
    ...esmSourceAsCommonJs,
  },
  {
    // The backend process (a utilityProcess started by the main process):
    // plain Node.js, the whole backend, and the native modules at run time.
    ...common,
    entryPoints: ['electron/backend/process/main.ts'],
    outfile: 'app/dist/backend/index.cjs',
    target: 'node22',
    external: runtimePackages,
    ...esmSourceAsCommonJs,
  },
  {
    // The worker thread that draws every PDF and reads uploaded PDF scans under a time limit
    // (electron/backend/rendering/time-limited-pdf.ts). The backend bundle
    // loads it from its own folder, so it sits beside app/dist/backend/index.cjs.
    ...common,
    entryPoints: ['electron/backend/rendering/pdf-worker.ts'],
    outfile: 'app/dist/backend/pdf-worker.cjs',
    target: 'node22',
    external: runtimePackages,
    ...esmSourceAsCommonJs,
  },
  {
    // The worker thread that copies and checks a backup's database (electron/backend/backup/backup-copy.ts),
    // beside the backend bundle like the PDF worker.
    ...common,
    entryPoints: ['electron/backend/backup/backup-copy-worker.ts'],
    outfile: 'app/dist/backend/backup-copy-worker.cjs',
    target: 'node22',
    external: runtimePackages,
    ...esmSourceAsCommonJs,
  },
  {
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'app/dist/preload/index.cjs',
    target: 'chrome130',
    external: ['electron'],
    plugins: [contractNamesOnly(await contractCallNames())],
  },
];

const results = await Promise.all(targets.map((options) => build(options)));

let failed = false;
for (const [index, result] of results.entries()) {
  const isPreload = targets[index].outfile.startsWith('app/dist/preload');
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} KiB`);
    const stray = isPreload ? output.imports.filter((entry) => entry.external && entry.path !== 'electron') : [];
    for (const entry of stray) {
      console.error(`The sandboxed preload cannot require "${entry.path}".`);
      failed = true;
    }
  }
}
if (failed) process.exit(1);
