import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportJob } from '../../../../shared/compliance/audit-bundle';
import type { CallInput } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';

/** How often a running export is asked how far it has got. */
export const pollIntervalMs = 300;

export interface ExportJobState {
  job: ExportJob | null;
  /** A call that failed (starting, polling, cancelling), in words for people. */
  error: string | null;
  starting: boolean;
  cancelling: boolean;
  /** Asking for progress failed: polling stopped until `checkAgain`. */
  pollFailed: boolean;
  checkAgain: () => void;
  start: (params: CallInput<'exports.start'>) => Promise<ExportJob | null>;
  cancel: () => Promise<void>;
}

/**
 * Starts an export, then asks for its progress every few hundred
 * milliseconds while it runs, and cancels it on request.
 */
export function useExportJob(): ExportJobState {
  const api = useApi();
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [pollFailed, setPollFailed] = useState(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // An export goes on in the backend when the page is left or reloaded:
  // coming back finds the latest one (until Consent Desk restarts).
  useEffect(() => {
    let current = true;
    api['exports.latest']({}).then(
      (found) => current && found && setJob((shown) => shown ?? found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  const running = job?.state === 'running';
  const jobId = job?.id ?? null;

  // While it runs: ask again after each answer (never two questions at once).
  useEffect(() => {
    if (!running || !jobId || pollFailed) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api['exports.progress']({ id: jobId }).then(
        (next) => current && setJob(next),
        (failure: unknown) => {
          if (!current) return;
          setError(messageOf(failure));
          setPollFailed(true);
        },
      );
    }, pollIntervalMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, running, jobId, job, pollFailed]);

  const checkAgain = useCallback(() => {
    setError(null);
    setPollFailed(false);
  }, []);

  const start = useCallback(
    async (params: CallInput<'exports.start'>) => {
      setError(null);
      setStarting(true);
      try {
        const started = await api['exports.start'](params);
        if (mounted.current) {
          setPollFailed(false);
          setJob(started);
        }
        return started;
      } catch (failure) {
        if (mounted.current) setError(messageOf(failure));
        return null;
      } finally {
        if (mounted.current) setStarting(false);
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    if (!jobId) return;
    setError(null);
    setCancelling(true);
    try {
      const stopped = await api['exports.cancel']({ id: jobId });
      if (mounted.current) setJob(stopped);
    } catch (failure) {
      if (mounted.current) setError(messageOf(failure));
    } finally {
      if (mounted.current) setCancelling(false);
    }
  }, [api, jobId]);

  return { job, error, starting, cancelling, pollFailed, checkAgain, start, cancel };
}
