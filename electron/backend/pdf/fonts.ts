import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans and Sans Mono (from the dejavu-fonts-ttf package, a free
 * licence): full Latin, Greek and Cyrillic coverage, so names such as
 * "Nguyễn" or "Łukasz" print as typed, which the standard PDF fonts cannot
 * do; the monospaced face sets hashes. Read once.
 */
let cache: { regular: Buffer; bold: Buffer; mono: Buffer } | null = null;

export function documentFonts(): { regular: Buffer; bold: Buffer; mono: Buffer } {
  if (!cache) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    cache = {
      regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
      mono: fs.readFileSync(path.join(dir, 'DejaVuSansMono.ttf')),
    };
  }
  return cache;
}
