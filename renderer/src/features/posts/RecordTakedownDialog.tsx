import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['posts', 'common']);
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();
  return (
    <Dialog title={t('recordTakedownDialog.recordTheTakeDown')} onClose={onClose}>
      {(close) => {
        const onSubmit = (event: FormEvent) => {
          event.preventDefault();
          void run(async () => {
            const done = await api['posts.recordTakedown']({ id: post.id });
            onDone(done, t('recordTakedownDialog.recorded', { post: postName(done) }));
            close();
          });
        };
        return (
          <form aria-busy={busy} onSubmit={onSubmit}>
            <p>
              {t('recordTakedownDialog.recordThat')} {postName(post)}
              {post.publishedUrl ? <> {t('recordTakedownDialog.at')} <span className="post-url">{post.publishedUrl}</span>)</> : null} {t('recordTakedownDialog.isNoLongerVisible')}
            </p>
            <p>{t('recordTakedownDialog.doThisOnceYouHave')}</p>
            <FormAlert problem={problem} />
            <div className="dialog-actions">
              <button type="button" className="button button-secondary" onClick={close}>
                {t('recordTakedownDialog.cancel')}
              </button>
              <SubmitButton busy={busy}>{t('recordTakedownDialog.recordTakeDown')}</SubmitButton>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
