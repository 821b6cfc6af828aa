import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkNativeLibraries, readDynamicSection } from './native-libraries';

const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';
// These packages export no package.json: they are in the root node_modules.
const packageDir = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', name);

let tree = '';
afterEach(() => fs.rmSync(tree, { recursive: true, force: true }));

/** An app.asar.unpacked-like tree with the real sharp addon, and libvips in it or not. */
function unpackedTree(withLibvips: boolean): { root: string; libvips: string } {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-desk-unpacked-'));
  const addonDir = path.join(tree, 'node_modules', '@img', 'sharp-linux-x64', 'lib');
  const libDir = path.join(tree, 'node_modules', '@img', 'sharp-libvips-linux-x64', 'lib');
  fs.mkdirSync(addonDir, { recursive: true });
  for (const file of fs.readdirSync(path.join(packageDir('@img/sharp-linux-x64'), 'lib'))) {
    fs.copyFileSync(path.join(packageDir('@img/sharp-linux-x64'), 'lib', file), path.join(addonDir, file));
  }
  const libvips = fs.readdirSync(path.join(packageDir('@img/sharp-libvips-linux-x64'), 'lib')).find((f) => f.startsWith('libvips-cpp.so'))!;
  if (withLibvips) {
    fs.mkdirSync(libDir, { recursive: true });
    fs.copyFileSync(path.join(packageDir('@img/sharp-libvips-linux-x64'), 'lib', libvips), path.join(libDir, libvips));
  }
  return { root: tree, libvips };
}

describe.skipIf(!onLinuxX64)('the native library check (readelf on the real sharp addon)', () => {
  it('reads NEEDED and the RUNPATH with $ORIGIN expanded', () => {
    const { root } = unpackedTree(true);
    const addon = fs.readdirSync(path.join(root, 'node_modules/@img/sharp-linux-x64/lib')).find((f) => f.endsWith('.node'))!;
    const file = path.join(root, 'node_modules/@img/sharp-linux-x64/lib', addon);
    const dynamic = readDynamicSection(file);
    expect(dynamic.needed).toEqual(expect.arrayContaining([expect.stringMatching(/^libvips-cpp\.so\./), expect.stringMatching(/^libc\.so/)]));
    expect(dynamic.searchPath).toContain(path.join(root, 'node_modules/@img/sharp-libvips-linux-x64/lib'));
  });

  it('passes when libvips is unpacked beside the addon, and names it when it stayed packed', () => {
    const good = unpackedTree(true);
    expect(checkNativeLibraries(good.root, []).problems).toEqual([]);
    fs.rmSync(tree, { recursive: true, force: true });

    const { root, libvips } = unpackedTree(false);
    const packed = [`node_modules/@img/sharp-libvips-linux-x64/lib/${libvips}`];
    const report = checkNativeLibraries(root, packed);
    expect(report.problems).toEqual([expect.stringMatching(new RegExp(`^${libvips.replace(/\./g, '\\.')}, needed by .*sharp-linux-x64.*\\.node, is packed inside app\\.asar`))]);
    // Not in the archive either: missing everywhere.
    expect(checkNativeLibraries(root, []).problems).toEqual([expect.stringMatching(/is neither in app\.asar\.unpacked nor on this system/)]);
  });
});
