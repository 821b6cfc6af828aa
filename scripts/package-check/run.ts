/**
 * `npm run package:check`: package the Linux app folder offline and prove
 * the package works, without an Electron binary.
 *
 *  1. stage app/ (its own package.json and lock, installed by npm, plus the
 *     built bundles) and run electron-builder with electron-builder.yml
 *     against a stand-in Electron;
 *  2. check every shared library every unpacked addon needs
 *     (native-libraries.ts) and the asar's size;
 *  3. run the packaged main bundle under Node with `electron` replaced by a
 *     recording fake, backend in its own process as in the app, and drive
 *     it through the contract (packaged-smoke.ts).
 *
 * Exits 1 with the reasons when any of it fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';
import { buildLinuxDir } from './build-linux-dir';
import { checkNativeLibraries } from './native-libraries';
import { runPackagedSmoke } from './packaged-smoke';
import { stageApp } from './staging';

/** The issue's budget for what the app ships inside app.asar. */
const asarBudgetBytes = 30 * 1024 * 1024;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(repoRoot, 'tmp', 'package-check');

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function sizeOf(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

async function main(): Promise<number> {
  const failures: string[] = [];
  fs.mkdirSync(workDir, { recursive: true });

  const stagedApp = stageApp(repoRoot, path.join(workDir, 'project'));
  const built = await buildLinuxDir(repoRoot, stagedApp, workDir);

  const asarBytes = fs.statSync(built.asarFile).size;
  console.log(`app.asar: ${mib(asarBytes)} (budget ${mib(asarBudgetBytes)}); app.asar.unpacked: ${mib(sizeOf(built.unpackedDir))}`);
  if (asarBytes > asarBudgetBytes) failures.push(`app.asar is ${mib(asarBytes)}, over its budget of ${mib(asarBudgetBytes)}.`);

  // Files inside the archive that are not unpacked: what the loader can never open.
  const packed = asar
    .listPackage(built.asarFile, { isPack: false })
    .map((entry) => entry.replace(/^[\\/]/, ''))
    .filter((entry) => {
      try {
        const stat = asar.statFile(built.asarFile, entry, false) as { unpacked?: boolean; size?: number };
        return stat.size !== undefined && !stat.unpacked;
      } catch {
        return false;
      }
    });
  const libraries = checkNativeLibraries(built.unpackedDir, packed);
  console.log(`Native libraries: read ${libraries.checked.length} ELF files in app.asar.unpacked.`);
  failures.push(...libraries.problems);

  if (failures.length === 0) {
    const extracted = path.join(workDir, 'extracted');
    fs.rmSync(extracted, { recursive: true, force: true });
    asar.extractAll(built.asarFile, extracted);
    failures.push(...(await runPackagedSmoke({ repoRoot, extractedApp: extracted, unpackedDir: built.unpackedDir, workDir })));
  }

  if (failures.length > 0) {
    console.error(`\nThe packaging check failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    return 1;
  }
  console.log('\nThe packaging check passed.');
  return 0;
}

// Exit explicitly: electron-builder's helpers reset process.exitCode on their way out.
process.exit(await main());
