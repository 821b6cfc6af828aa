import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../../electron/backend/data-dir';
import { startHost } from './start';

/**
 * `npm run web -- [--data-dir DIR] [--port N]`: the whole app in a browser,
 * on this computer only. Prints the address to open; Ctrl+C stops it.
 */
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
  strict: true,
});

const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
const host = await startHost({
  dataDir,
  staticDir: path.resolve(import.meta.dirname, '../../app/dist/renderer'),
  port: values.port ? Number(values.port) : 0,
});
console.log(`Consent Desk (development host) for data in ${dataDir}`);
console.log(`Open: ${host.url}`);
console.log('This address holds a one-time access token; do not share it. Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
