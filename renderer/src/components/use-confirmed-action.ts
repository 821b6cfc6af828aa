import { useCallback, useRef, useState } from 'react';
import type { FormProblem } from './call-error';
import { messageOf } from './error-message';

/**
 * A confirmation dialog's one action: run it once at a time, show it busy,
 * and put a refusal in the dialog (focused, so a screen reader reads it).
 * `onFailure` runs after a refusal, e.g. to reload what the dialog was about.
 */
export function useConfirmedAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const running = useRef(false);
  const run = useCallback(async (action: () => Promise<void>, onFailure?: () => void) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem({ message: messageOf(error), focus: true });
      onFailure?.();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, problem, run };
}
