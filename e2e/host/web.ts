import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../electron/backend/data-dir';
import { practiceServerLinkFromDataDir } from '../../electron/backend/practice-server-link';
import { folderHeadMemory } from '../../electron/backend/store-pg/server-head-memory';
import { startHost } from './start';

/**
 * `npm run web -- [--data-dir DIR] [--port N]`: the whole app in a browser,
 * on this computer only. Prints the address to open; Ctrl+C stops it.
 * A data folder with a practice-server.json signs in to that practice
 * server instead of a file; the development host keeps the paired password
 * and the server's head in the folder's `workstation-keeper` (the desktop
 * app keeps them in the operating system's credential store).
 */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
  strict: true,
});

const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
const practiceServer = await practiceServerLinkFromDataDir(dataDir, folderHeadMemory(path.join(dataDir, 'workstation-keeper'))).catch((error: unknown) => {
  // One line in words (a damaged practice-server.json, a kept password missing), never a stack trace.
  console.error(`consent-desk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
const host = await startHost({
  dataDir,
  ...(practiceServer ? { backend: { practiceServer } } : {}),
  staticDir: path.resolve(import.meta.dirname, '../../app/dist/renderer'),
  port: values.port ? Number(values.port) : 0,
});
console.log(`Consent Desk (development host) for data in ${dataDir}${practiceServer ? `, the store on ${practiceServer.description}` : ''}`);
console.log(`Open: ${host.url}`);
console.log('This address holds a one-time access token; do not share it. Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
