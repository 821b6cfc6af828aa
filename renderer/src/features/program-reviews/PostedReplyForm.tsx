import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { issuesByPath, TextArea, TextInput } from '../program/ControlledFields';

/**
 * A reply to a review found posted during a review: checked like any reply
 * and kept; when the checker flags it, an incident opens with it (it went
 * out, so it is no longer a draft to fix).
 */
export function PostedReplyForm({ onChecked }: { onChecked: (message: string, tone: 'success' | 'problem') => void }) {
  const { t } = useTranslation(['program-reviews', 'common']);
  const api = useApi();
  const [text, setText] = useState('');
  const [channel, setChannel] = useState('');
  const [url, setUrl] = useState('');
  const [postedOn, setPostedOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card"
      aria-labelledby="posted-reply-heading"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setProblem(null);
        api['channelReviews.reportReply']({ text, channel, url, postedOn: postedOn || null })
          .then(
            ({ check, incidentId }) => {
              setText('');
              onChecked(
                incidentId
                  ? t('postedReplyForm.discloses', { concerns: check.concerns.map((c) => c.message).join(' ') })
                  : t('postedReplyForm.passes'),
                incidentId ? 'problem' : 'success',
              );
            },
            (e: unknown) => {
              setErrors(issuesByPath(e));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="posted-reply-heading">{t('postedReplyForm.checkAReplyFoundPosted')}</h2>
      <p className="field-hint">{t('postedReplyForm.forRepliesThePracticeAlready')}</p>
      <FormAlert problem={problem} />
      <TextArea label={t('postedReplyForm.theReplyAsPosted')} rows={4} value={text} onValue={setText} error={errors.text} />
      <TextInput label={t('postedReplyForm.whereItIsPosted')} value={channel} onValue={setChannel} error={errors.channel} hint={t('postedReplyForm.forExampleGoogleReviewsOr')} />
      <TextInput label={t('postedReplyForm.itsAddressOptional')} type="url" value={url} onValue={setUrl} error={errors.url} />
      <TextInput label={t('postedReplyForm.postedOnOptional')} type="date" value={postedOn} onValue={setPostedOn} error={errors.postedOn} />
      <SubmitButton busy={busy}>{t('postedReplyForm.checkThePostedReply')}</SubmitButton>
    </form>
  );
}
