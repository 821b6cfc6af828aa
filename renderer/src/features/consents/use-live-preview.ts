import { useEffect, useState } from 'react';
import type { AuthorizationDocument } from '../../../../shared/authorization/document';
import type { AuthorizationTerms } from '../../../../shared/authorization/scope';
import type { Problem } from '../../../../shared/authorization/validity';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';

const pauseMs = 300;

export interface LivePreview {
  /** The newest document the backend rendered (it may be for slightly older terms while typing). */
  document: AuthorizationDocument | null;
  /** What still stops these terms from being signed, for the same (possibly slightly older) terms. */
  problems: Problem[];
  /** True while the document shown is not yet for the current terms. */
  updating: boolean;
  error: string | null;
}

interface Rendered {
  key: string;
  document: AuthorizationDocument | null;
  problems: Problem[];
  error: string | null;
}

/**
 * Asks the backend (`consents.preview`) for the document the terms produce,
 * a moment after each change: the same template, wording and rules as the
 * signed document, and nothing saved. `terms` is null while the form holds
 * something that cannot be previewed (such as a half-typed date).
 */
export function useLivePreview(patientId: string | null, terms: AuthorizationTerms | null): LivePreview {
  const api = useApi();
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const key = terms && patientId ? JSON.stringify([patientId, terms]) : null;

  useEffect(() => {
    if (!key || !terms || !patientId) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api['consents.preview']({ patientId, terms }).then(
        ({ document, problems }) => current && setRendered({ key, document, problems, error: null }),
        (error: unknown) => current && setRendered((prev) => ({ key, document: prev?.document ?? null, problems: [], error: messageOf(error) })),
      );
    }, pauseMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // `key` stands for patientId and terms by value; the objects change identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  return {
    document: rendered?.document ?? null,
    problems: rendered?.problems ?? [],
    updating: rendered?.key !== key,
    error: rendered?.key === key ? rendered.error : null,
  };
}
