import type { FormEvent } from 'react';
import type { PostView } from '../../../../shared/posts/dashboard';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { postName } from './post-naming';

interface RecordTakedownDialogProps {
  post: PostView;
  onDone: (post: PostView, message: string) => void;
  onClose: () => void;
}

/** Confirms that a published post has come down; the record keeps who said so and when. */
export function RecordTakedownDialog({ post, onDone, onClose }: RecordTakedownDialogProps) {
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();
  return (
    <Dialog title="Record the take-down" onClose={onClose}>
      {(close) => {
        const onSubmit = (event: FormEvent) => {
          event.preventDefault();
          void run(async () => {
            const done = await api['posts.recordTakedown']({ id: post.id });
            onDone(done, `Recorded that ${postName(done)} was taken down.`);
            close();
          });
        };
        return (
          <form aria-busy={busy} onSubmit={onSubmit}>
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
