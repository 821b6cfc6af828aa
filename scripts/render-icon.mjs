// Renders assets/icon.svg to assets/icon.png (1024x1024, transparent corners)
// with Debian's Chromium, which Playwright drives here (`npx playwright
// install` cannot download browsers on these machines).
//
//   node scripts/render-icon.mjs [path/to/chromium]
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const size = 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'assets', 'icon.svg'), 'utf8');
const output = path.join(root, 'assets', 'icon.png');

const browser = await chromium.launch({
  executablePath: process.argv[2] ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  // The SVG is inlined so the page needs no file access and no network.
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style></head><body>${svg}</body></html>`,
  );
  await page.screenshot({ path: output, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`Wrote ${path.relative(root, output)} (${size}x${size}).`);
} finally {
  await browser.close();
}
