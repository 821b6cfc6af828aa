import { useEffect, useMemo, useState } from 'react';
import type { PostView } from '../../../../shared/posts/dashboard';
import type { PostDraft } from '../../../../shared/posts/post';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { useDebounced } from '../marketing/use-debounced';

export type PostCheck = Pick<PostView, 'contentKinds' | 'verdict' | 'disclosures'>;

export interface PostCheckState {
  /** The last answer, for the draft it answered (its caption is what the findings' positions refer to). */
  result: { draft: PostDraft; check: PostCheck } | null;
  /** A newer draft is waiting for its answer. */
  checking: boolean;
  error: string | null;
}

/**
 * "May this be posted?" for a draft as it is being written: `posts.check`
 * once the draft has stopped changing for a moment, and again when `refresh`
 * rises (a consent revoked elsewhere). Answers that arrive for an older
 * draft are dropped. A null draft (not enough filled in) clears it.
 */
export function usePostCheck(draft: PostDraft | null, delayMs = 300, refresh = 0): PostCheckState {
  const api = useApi();
  const key = useMemo(() => (draft ? JSON.stringify(draft) : null), [draft]);
  const settledKey = useDebounced(key, delayMs);
  const [answer, setAnswer] = useState<{ key: string; draft: PostDraft; check: PostCheck | null; error: string | null } | null>(null);

  useEffect(() => {
    if (settledKey === null) return;
    let current = true;
    const settled = JSON.parse(settledKey) as PostDraft;
    api['posts.check'](settled).then(
      (check) => current && setAnswer({ key: settledKey, draft: settled, check, error: null }),
      (failure: unknown) => current && setAnswer({ key: settledKey, draft: settled, check: null, error: messageOf(failure) }),
    );
    return () => {
      current = false;
    };
    // `refresh` rises when the records the verdict depends on change (records.changed): ask again for the same draft.
  }, [api, settledKey, refresh]);

  if (key === null) return { result: null, checking: false, error: null };
  const result = answer?.check ? { draft: answer.draft, check: answer.check } : null;
  return { result, checking: answer?.key !== key, error: answer?.key === key ? answer.error : null };
}
