import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import { isEventName, parseEventPayload, type EventName, type EventPayload } from '../../shared/contract/contract-events';
import type { CallResult } from '../../shared/errors';
import { isAnchorRequest, type AnchorRequest, type BackendStartOptions, type FromBackend, type ToBackend } from '../backend/process/backend-protocol';
import type { AnchorKeeper } from './rollback-anchor-keeper';

/**
 * Runs the backend (electron/backend) in an Electron utility process and
 * relays contract calls to it over a MessagePort, so that key derivation,
 * PDFs, reports and exports never hold up the main process, which is also
 * the window's UI thread. If the process stops without being asked to, the
 * calls it was working on fail with a message, a new process starts, and
 * `onRestarted` tells the shell to bring the window back to the sign-in
 * screen. Three unexpected stops within a minute and it gives up.
 */
export interface BackendHostOptions {
  /** app/dist/backend/index.cjs */
  entry: string;
  start: Omit<BackendStartOptions, 'restartedAfterFailure' | 'externalAnchor'>;
  /** The shell's copy of the rollback anchors, outside the data folder: the backend reads and writes it over its port. */
  anchors?: AnchorKeeper;
  onRestarted: () => void;
  onGaveUp: (reason: string) => void;
  /** A contract event from the backend, checked against its schema: the shell forwards it to its window. */
  onEvent?: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
  /** One line per event, for the log file. Never handed patient data. */
  log: (line: string) => void;
  now?: () => number;
}

const stoppedMidCall: CallResult<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'Consent Desk’s background process stopped while doing this and is starting again. Sign in, then check whether your last change was saved.',
  },
};

const notRunning: CallResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Consent Desk’s background process is not running. Restart Consent Desk.' },
};

const restartWindowMs = 60_000;
const maxRestartsInWindow = 3;
const closeTimeoutMs = 10_000;

interface Running {
  child: UtilityProcess;
  port: MessagePortMain;
  ready: Promise<boolean>;
  pending: Map<number, (result: CallResult<unknown>) => void>;
  closing: boolean;
  closed: Promise<void>;
}

export class BackendHost {
  private running: Running | null = null;
  private nextId = 1;
  private failures: number[] = [];
  private gaveUp = false;

  constructor(private readonly options: BackendHostOptions) {}

  start(restartedAfterFailure = false): void {
    const { port1, port2 } = new MessageChannelMain();
    const child = utilityProcess.fork(this.options.entry, [], { serviceName: 'Consent Desk backend', stdio: 'pipe' });
    const pending = new Map<number, (result: CallResult<unknown>) => void>();
    let markReady: (ok: boolean) => void = () => {};
    let markClosed: () => void = () => {};
    const running: Running = {
      child,
      port: port1,
      pending,
      closing: false,
      ready: new Promise<boolean>((resolve) => (markReady = resolve)),
      closed: new Promise<void>((resolve) => (markClosed = resolve)),
    };
    this.running = running;
    this.pipeOutput(child);

    port1.on('message', ({ data }) => {
      const message = data as FromBackend;
      if (message.type === 'ready') {
        this.options.log(`backend process ${child.pid ?? '?'} ready`);
        markReady(true);
      } else if (message.type === 'failed') {
        this.options.log(`backend process failed to start: ${message.message}`);
        markReady(false);
      } else if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        const payload = isEventName(message.name) ? parseEventPayload(message.name, message.payload) : null;
        if (payload && isEventName(message.name)) this.options.onEvent?.(message.name, payload);
      } else if (message.type === 'closed') {
        child.kill();
      } else if (isAnchorRequest(message)) {
        this.answerAnchor(port1, message);
      }
    });
    port1.start();

    child.on('exit', (code) => {
      markReady(false);
      markClosed();
      for (const settle of pending.values()) settle(stoppedMidCall);
      pending.clear();
      if (this.running === running) this.running = null;
      if (running.closing) return;
      this.options.log(`backend process stopped unexpectedly (exit code ${code})`);
      this.restartAfterFailure();
    });

    child.postMessage({ type: 'connect', options: { ...this.options.start, restartedAfterFailure, externalAnchor: this.options.anchors !== undefined } }, [port2]);
  }

  /** Read or write the shell's copy of a rollback anchor for the backend; a failure is an answer too (`ok: false`). */
  private answerAnchor(port: MessagePortMain, request: AnchorRequest): void {
    const anchors = this.options.anchors;
    const reply = (ok: boolean, text: string | null) => port.postMessage({ type: 'anchorReply', id: request.id, ok, text } satisfies ToBackend);
    if (!anchors) return reply(false, null);
    const work = request.op === 'read' ? anchors.read(request.storeId) : anchors.write(request.storeId, request.sealed).then(() => null);
    work.then(
      (text) => reply(true, text),
      () => reply(false, null),
    );
  }

  private restartAfterFailure(): void {
    const now = (this.options.now ?? Date.now)();
    this.failures = [...this.failures.filter((at) => now - at < restartWindowMs), now];
    if (this.failures.length >= maxRestartsInWindow) {
      this.gaveUp = true;
      this.options.onGaveUp(`The background process stopped ${this.failures.length} times within a minute.`);
      return;
    }
    this.start(true);
    this.options.onRestarted();
  }

  /** Relays one contract call; resolves with its result, never rejects. */
  async invoke(name: string, input: unknown): Promise<CallResult<unknown>> {
    const running = this.running;
    if (!running || running.closing || this.gaveUp) return notRunning;
    if (!(await running.ready)) return this.running && this.running !== running ? this.invoke(name, input) : notRunning;
    const id = this.nextId++;
    return new Promise((resolve) => {
      running.pending.set(id, resolve);
      running.port.postMessage({ type: 'call', id, name, input } satisfies ToBackend);
    });
  }

  /** Closes the store and ends the process; resolves when it has exited (or was killed after a timeout). */
  async close(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.closing = true;
    running.port.postMessage({ type: 'close' } satisfies ToBackend);
    const timer = setTimeout(() => running.child.kill(), closeTimeoutMs);
    await running.closed;
    clearTimeout(timer);
    // The store's last anchor arrives just before it closes: it must be on disk before the app quits.
    await this.options.anchors?.settled();
  }

  /** The process id, for tests that stop it the hard way. */
  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  private pipeOutput(child: UtilityProcess): void {
    // The backend's own messages start with "consent-desk:" and name no
    // patient data; anything else (a library writing to stderr) might, so
    // only its length is logged.
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        let other = 0;
        for (const line of lines) {
          if (line.startsWith('consent-desk: ')) this.options.log(`backend: ${line.slice('consent-desk: '.length)}`);
          else if (line.trim()) other += 1;
        }
        if (other > 0) this.options.log(`backend wrote ${other} line(s) of other output (not logged: they could hold data)`);
      });
    }
  }
}
