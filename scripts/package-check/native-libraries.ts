import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface NativeLibraryReport {
  /** ELF files (addons and shared libraries) read in the unpacked tree. */
  checked: string[];
  /** One sentence per library that would not load, naming it and who needs it. */
  problems: string[];
}

interface DynamicSection {
  needed: string[];
  searchPath: string[];
}

function isElf(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    return fs.readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    fs.closeSync(fd);
  }
}

function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() ? [file] : [];
  });
}

/** NEEDED entries and the RUNPATH/RPATH search path, $ORIGIN expanded, from `readelf -d`. */
export function readDynamicSection(file: string): DynamicSection {
  const out = execFileSync('readelf', ['-d', '-W', file], { encoding: 'utf8' });
  const needed = [...out.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!);
  const searchPath = [...out.matchAll(/\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[([^\]]+)\]/g)]
    .flatMap((m) => m[1]!.split(':'))
    .filter(Boolean)
    .map((entry) => path.resolve(entry.replace(/\$(?:ORIGIN|\{ORIGIN\})/g, path.dirname(file))));
  return { needed, searchPath };
}

let systemLibraries: Set<string> | null = null;

/** Libraries the system's loader knows (`ldconfig -p`): libc, libstdc++ and the like. */
function isSystemLibrary(name: string): boolean {
  if (!systemLibraries) {
    const listing = execFileSync('ldconfig', ['-p'], { encoding: 'utf8' });
    systemLibraries = new Set([...listing.matchAll(/^\s+(\S+) \(/gm)].map((m) => m[1]!));
  }
  return systemLibraries.has(name);
}

/**
 * Checks that every shared library every unpacked ELF file needs can be
 * found where the dynamic loader will look for it once the app is
 * installed: on the file's own RUNPATH inside app.asar.unpacked, or on the
 * system. A library that exists only inside app.asar (`packedFiles`) is a
 * failure even if the system has one of that name, because the addon was
 * built against the packaged copy.
 */
export function checkNativeLibraries(unpackedDir: string, packedFiles: readonly string[]): NativeLibraryReport {
  const packedByName = new Map<string, string>();
  for (const file of packedFiles) packedByName.set(path.basename(file), file);
  const root = path.resolve(unpackedDir);
  const checked: string[] = [];
  const problems: string[] = [];

  for (const file of filesBelow(root).filter(isElf)) {
    const relative = path.relative(root, file);
    checked.push(relative);
    const { needed, searchPath } = readDynamicSection(file);
    for (const library of needed) {
      const inTree = searchPath.some((dir) => (dir === root || dir.startsWith(root + path.sep)) && fs.existsSync(path.join(dir, library)));
      if (inTree) continue;
      const packed = packedByName.get(library);
      if (packed) {
        problems.push(
          `${library}, needed by ${relative}, is packed inside app.asar at ${packed}, where the loader cannot open it: ` +
            'name its package in asarUnpack (electron-builder.yml).',
        );
      } else if (!isSystemLibrary(library)) {
        problems.push(`${library}, needed by ${relative}, is neither in app.asar.unpacked nor on this system.`);
      }
    }
  }
  return { checked, problems };
}
