import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The app folder electron-builder packages in the check: app/'s own
 * package.json and lock file, its dependencies installed from that lock by
 * npm, and the freshly built bundles. It lives under tmp/ so a developer's
 * app/node_modules (the Electron build, made by `npm start`) is never
 * touched, and so the check needs no Electron headers: its copy of the
 * driver is built for Node, which is what runs the packaged main bundle here.
 */
export function stageApp(repoRoot: string, stagingDir: string): string {
  const source = path.join(repoRoot, 'app');
  const staged = path.join(stagingDir, 'app');
  const lockFile = path.join(source, 'package-lock.json');
  const manifest = fs.readFileSync(path.join(source, 'package.json'));
  const lock = fs.readFileSync(lockFile);
  const stamp = crypto.createHash('sha256').update(manifest).update(lock).update(process.version).digest('hex');
  const stampFile = path.join(staged, 'node_modules', '.package-check-stamp');

  if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
    fs.rmSync(staged, { recursive: true, force: true });
    fs.mkdirSync(staged, { recursive: true });
    fs.writeFileSync(path.join(staged, 'package.json'), manifest);
    fs.writeFileSync(path.join(staged, 'package-lock.json'), lock);
    console.log('Installing app/package-lock.json into the staging folder (the first time compiles the database driver)...');
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: staged, stdio: 'inherit' });
    if (npm.status !== 0) throw new Error(`npm ci in ${staged} failed (exit ${npm.status}).`);
    fs.writeFileSync(stampFile, stamp);
  } else {
    fs.writeFileSync(path.join(staged, 'package.json'), manifest);
  }

  const dist = path.join(source, 'dist');
  for (const part of ['main', 'preload', 'backend', 'renderer']) {
    if (!fs.existsSync(path.join(dist, part))) throw new Error(`app/dist/${part} is missing: run \`npm run build\` first.`);
  }
  fs.rmSync(path.join(staged, 'dist'), { recursive: true, force: true });
  fs.cpSync(dist, path.join(staged, 'dist'), { recursive: true });
  return staged;
}
