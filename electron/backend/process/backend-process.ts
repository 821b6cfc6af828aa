import { createBackend, type Backend, type BackendOptions } from '../backend';
import { reportPdfWorkerStarts } from '../rendering/time-limited-pdf';
import { isConnectMessage, isToBackend, type FromBackend, type PortLike } from './backend-protocol';
import { RelayedAnchorStore } from './relayed-anchor';

/**
 * The backend's side of the backend process: wait for the main process to
 * hand over a MessagePort with the start options, open the backend, then
 * answer contract calls on that port until told to close. Calls are
 * answered in the backend's own order (one at a time); the port carries an
 * id with each, so answers may be matched however they arrive. Every
 * answer is sent after the backend's write has committed, so an answered
 * write survives this process being killed the next moment.
 */
export function serveBackend(parentPort: PortLike, extra: Partial<Omit<BackendOptions, 'dataDir' | 'workstation'>> = {}, exit: (code: number) => void = (code) => process.exit(code)): void {
  let backend: Backend | null = null;
  // The app's log says which worker bundle draws the PDFs (the line names a file of the app, never data).
  reportPdfWorkerStarts((line) => console.error(line));

  parentPort.on('message', ({ data, ports }) => {
    if (backend || !isConnectMessage(data)) return;
    const port = ports?.[0];
    if (!port) return;
    const send = (message: FromBackend) => port.postMessage(message);
    // The shell's copy of the rollback anchor, reached over this same port.
    const anchors = data.options.externalAnchor ? new RelayedAnchorStore(send, (line) => console.error(line)) : null;
    try {
      backend = createBackend({
        ...extra,
        dataDir: data.options.dataDir,
        workstation: data.options.workstation,
        startNotice: data.options.restartedAfterFailure ? 'backend_restarted' : undefined,
        ...(anchors ? { externalAnchor: anchors } : {}),
        // Sent before the result of the call that caused it, on the same port.
        onEvent: (name, payload) => send({ type: 'event', name, payload }),
      });
    } catch (error) {
      send({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : 'the backend did not start' });
      exit(1);
      return;
    }
    const opened = backend;
    port.on('message', ({ data: message }) => {
      if (!isToBackend(message)) return;
      if (message.type === 'anchorReply') {
        anchors?.settle(message.id, message);
        return;
      }
      if (message.type === 'close') {
        opened.close();
        // The main process ends this process once it has read this.
        send({ type: 'closed' });
        return;
      }
      void opened.invoke(message.name, message.input).then((result) => send({ type: 'result', id: message.id, result }));
    });
    port.start();
    send({ type: 'ready' });
  });
}
