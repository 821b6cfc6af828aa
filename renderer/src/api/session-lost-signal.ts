import type { AppErrorData } from '../../../shared/errors';

type Listener = (error: AppErrorData) => void;

/** Tells whoever listens that the backend refused a signed-in call with `locked` or `unauthorized`. */
export class SessionLostSignal {
  private readonly listeners = new Set<Listener>();

  emit(error: AppErrorData): void {
    for (const listener of this.listeners) listener(error);
  }

  /** Returns the unsubscribe function, ready for a React effect's cleanup. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
