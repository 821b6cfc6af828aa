import type { ExternalAnchorStore } from '../store/rollback-anchor';
import type { AnchorRequest } from './backend-protocol';

/**
 * The rollback anchor outside the data folder, as the backend process sees
 * it: the main process keeps it (Electron's safeStorage, or a folder of the
 * user profile), so every read and write is a message over the backend's
 * port, answered by `anchorReply`. The backend itself never touches
 * Electron. A main process that does not answer within the limit counts as
 * a failed read or write: the store then checks only the anchor beside the
 * database, as it would without a shell, and never waits for ever.
 */
export const anchorReplyLimitMs = 15_000;

/** Message text only: a sealed anchor names no patient data, but the failure line does not even carry it. */
type Reporter = (line: string) => void;

export class RelayedAnchorStore implements ExternalAnchorStore {
  private nextId = 1;
  private readonly waiting = new Map<number, { settle: (reply: { ok: boolean; text: string | null }) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly send: (request: AnchorRequest) => void,
    private readonly report: Reporter = () => {},
  ) {}

  read(storeId: string): Promise<string | null> {
    return this.ask({ type: 'anchor', id: 0, op: 'read', storeId }).then((reply) => {
      if (!reply.ok) throw new Error('the shell could not read its copy of the anchor');
      return reply.text;
    });
  }

  async write(storeId: string, sealed: string): Promise<void> {
    const reply = await this.ask({ type: 'anchor', id: 0, op: 'write', storeId, sealed });
    if (!reply.ok) throw new Error('the shell could not write its copy of the anchor');
  }

  /** An `anchorReply` from the main process. Replies to nothing (late, or made up) are ignored. */
  settle(id: number, reply: { ok: boolean; text: string | null }): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.settle(reply);
  }

  private ask(request: AnchorRequest): Promise<{ ok: boolean; text: string | null }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.report(`consent-desk: the desktop app did not answer a rollback-anchor ${request.op} within ${anchorReplyLimitMs / 1000} s`);
        resolve({ ok: false, text: null });
      }, anchorReplyLimitMs);
      // A pending write must not keep the process alive once the store has closed.
      timer.unref();
      this.waiting.set(id, { settle: resolve, timer });
      this.send({ ...request, id });
    });
  }
}
