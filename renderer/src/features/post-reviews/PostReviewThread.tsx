import { useTranslation } from 'react-i18next';
import { useCallback, useId, useState } from 'react';
import { allowedNext, postReviewStateLabels, type PostReviewMessageKind } from '../../../../shared/program/post-review';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { issueMessageOf, messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useLoaded } from '../../components/use-loaded';
import { showInstant } from '../compliance/compliance-format';
import { RadioGroup, TextArea } from '../program/ControlledFields';
import { useSession } from '../session/app-state-context';
import './post-reviews.css';

const kindWords: Record<PostReviewMessageKind, string> = {
  request: 'asked for a review',
  comment: 'commented',
  approve: 'approved',
  decline: 'declined',
};

const answerLabels: Record<Exclude<PostReviewMessageKind, 'request'>, string> = {
  comment: 'Comment only',
  approve: 'Approve: it may go ahead',
  decline: 'Decline: it should not go out like this',
};

/**
 * "Ask before posting", kept with the post: marketing sends the draft to the
 * privacy officer, who comments, approves or declines; each message records
 * the post as it was, so a later edit shows as changed since.
 */
export function PostReviewThread({ postId, published }: { postId: string; published: boolean }) {
  const { t } = useTranslation(['post-reviews', 'common']);
  const api = useApi();
  const session = useSession();
  const id = useId();
  const load = useCallback(() => api['postReviews.thread']({ postId }), [api, postId]);
  const { value: thread, error, reload } = useLoaded(load);
  const [body, setBody] = useState('');
  const [answer, setAnswer] = useState<Exclude<PostReviewMessageKind, 'request'>>('comment');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [bodyError, setBodyError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const decides = session.permissions.includes('postReviews.decide');
  const writes = session.permissions.includes('posts.write');

  if (!thread) return error ? <p className="field-error">{error}</p> : null;
  const next = allowedNext(thread.state);
  const officerAnswers = decides && thread.state === 'waiting';
  const asks = writes && next.includes('request') && !published;
  const comments = writes && thread.state !== 'none' && !officerAnswers;

  const send = async (kind: PostReviewMessageKind) => {
    setProblem(null);
    setBodyError(undefined);
    setBusy(true);
    try {
      if (kind === 'request' || (kind === 'comment' && !officerAnswers)) await api['postReviews.message']({ postId, kind: kind as 'request' | 'comment', body });
      else await api['postReviews.decide']({ postId, kind: kind as 'comment' | 'approve' | 'decline', body });
      setBody('');
      reload();
    } catch (e) {
      const issue = (e as { issues?: { path: string; message: string }[] }).issues?.find((i) => i.path === 'body');
      if (issue) setBodyError(issueMessageOf(issue));
      else setProblem({ message: messageOf(e), focus: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card post-review" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('postReviewThread.askBeforePosting')}</h2>
      <p>
        <span className={`badge post-review-${thread.state}`}>{postReviewStateLabels[thread.state]}</span>
        {thread.changedSince ? <span className="compliance-warning post-review-changed"> {t('postReviewThread.thePostChangedSinceThe')}</span> : null}
      </p>
      {thread.messages.length ? (
        <ol className="post-review-messages">
          {thread.messages.map((m) => (
            <li key={m.id}>
              <p className="post-review-meta">
                <strong>{m.byName}</strong> {kindWords[m.kind]}, {showInstant(m.at)}
              </p>
              {m.body ? <p className="post-review-body">{m.body}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="field-hint">{t('postReviewThread.unsureWhetherThisPostIs')}</p>
      )}
      {asks || comments || officerAnswers ? (
        <form
          noValidate
          aria-busy={busy}
          onSubmit={(event) => {
            event.preventDefault();
            void send(officerAnswers ? answer : asks && thread.state !== 'waiting' ? 'request' : 'comment');
          }}
        >
          <FormAlert problem={problem} />
          {officerAnswers ? <RadioGroup legend={t('postReviewThread.yourAnswer')} name="post-review-answer" choices={(['approve', 'decline', 'comment'] as const).map((k) => ({ value: k, label: answerLabels[k] }))} value={answer} onValue={setAnswer} /> : null}
          <TextArea
            label={officerAnswers ? t('postReviewThread.messageToMarketing') : asks ? t('postReviewThread.whatShouldThePrivacyOfficer') : t('postReviewThread.comment')}
            value={body}
            onValue={setBody}
            error={bodyError}
          />
          <SubmitButton busy={busy}>{officerAnswers ? t('postReviewThread.sendTheAnswer') : asks ? t('postReviewThread.sendForReview') : t('postReviewThread.addTheComment')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
