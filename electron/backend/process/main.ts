import type { PortLike } from './backend-protocol';
import { serveBackend } from './backend-process';

/**
 * Entry of the backend process (bundled to app/dist/backend/index.cjs), run
 * by the Electron main process with utilityProcess.fork. Electron gives a
 * utility process `process.parentPort`; nothing else here knows Electron.
 */
const parentPort = (process as unknown as { parentPort?: PortLike }).parentPort;
if (!parentPort) {
  console.error('consent-desk: the backend process must be started by Consent Desk (no parentPort).');
  process.exit(2);
}
serveBackend(parentPort);
