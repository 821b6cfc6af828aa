import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import buildCliBundle from '../../electron/cli/testing/build-cli.global-setup';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Build the renderer once per run, so every test drives the real built files
 * (app/dist/renderer), and the CLI bundle, so the specs that run
 * `consent-desk` run the one built from this source.
 */
export default async function buildRenderer(): Promise<void> {
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  buildCliBundle();
}
