import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, Platform } from 'electron-builder';
import { makeStandInElectron } from './stand-in-electron';

export interface LinuxDirBuild {
  /** release/linux-unpacked/resources */
  resourcesDir: string;
  asarFile: string;
  unpackedDir: string;
}

/**
 * Runs electron-builder with the project's own electron-builder.yml, for
 * the Linux app folder (`--linux dir`), offline: a stand-in Electron, no
 * native rebuild (there are no Electron headers here) and no fuses (they are
 * flipped inside the real Electron binary, which the stand-in is not).
 * Everything else (files, asarUnpack, the two-package layout) is the real
 * configuration.
 */
export async function buildLinuxDir(repoRoot: string, stagedApp: string, workDir: string): Promise<LinuxDirBuild> {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const electronDist = makeStandInElectron(path.join(workDir, 'electron-dist'), electronVersion);
  const output = path.join(workDir, 'release');
  fs.rmSync(output, { recursive: true, force: true });

  await build({
    projectDir: repoRoot,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      directories: { app: stagedApp, output },
      electronDist,
      electronVersion,
      npmRebuild: false,
      electronFuses: null,
    },
  });

  const resourcesDir = path.join(output, 'linux-unpacked', 'resources');
  const asarFile = path.join(resourcesDir, 'app.asar');
  if (!fs.existsSync(asarFile)) throw new Error(`electron-builder wrote no ${asarFile}.`);
  return { resourcesDir, asarFile, unpackedDir: `${asarFile}.unpacked` };
}
