import { useState, type FormEvent } from 'react';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { postName } from './post-naming';

interface RecordTakedownDialogProps {
  post: PostView;
  onDone: (post: PostView, message: string) => void;
  onClose: () => void;
}

/** Confirms that a published post has come down; the record keeps who said so and when. */
export function RecordTakedownDialog({ post, onDone, onClose }: RecordTakedownDialogProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  return (
    <Dialog title="Record the take-down" onClose={onClose}>
      {(close) => {
        const onSubmit = async (event: FormEvent) => {
          event.preventDefault();
          if (busy) return;
          setBusy(true);
          setProblem(null);
          try {
            const done = await api['posts.recordTakedown']({ id: post.id });
            onDone(done, `Recorded that ${postName(done)} was taken down.`);
            close();
          } catch (error) {
            setProblem({ message: messageOf(error), focus: true });
          } finally {
            setBusy(false);
          }
        };
        return (
          <form aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
            <p>
              Record that {postName(post)}
              {post.publishedUrl ? <> (at <span className="post-url">{post.publishedUrl}</span>)</> : null} is no longer visible.
            </p>
            <p>Do this once you have removed it from the channel yourself. Consent Desk cannot reach the channel.</p>
            <FormAlert problem={problem} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                Cancel
              </button>
              <SubmitButton busy={busy}>Record take-down</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
