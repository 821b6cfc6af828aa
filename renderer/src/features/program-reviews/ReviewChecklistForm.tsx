import { channelName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useId, useState } from 'react';
import { formatDay } from '../../i18n/format';
import { postConfirmationLabels, postConfirmationOutcomes, type PeriodStatus, type PostConfirmationOutcome, type ReviewSchedule } from '../../../../shared/program/review-schedule';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { useLoaded } from '../../components/use-loaded';
import { todayHere } from '../compliance/compliance-format';
import { RadioGroup, TextArea, TextInput } from '../program/ControlledFields';
import { FocusHeading } from '../program/FocusHeading';
import './reviews.css';

interface Removed {
  key: number;
  postId: string;
  removedOn: string;
  note: string;
}

/** One period's review: every post live on the channel now, each confirmed, and the comments removed. */
export function ReviewChecklistForm({ schedule, period, onDone, onCancel }: { schedule: ReviewSchedule; period: PeriodStatus; onDone: (message: string) => void; onCancel: () => void }) {
  const { t } = useTranslation(['program-reviews', 'common']);
  const api = useApi();
  const id = useId();
  const load = useCallback(() => api['channelReviews.checklist']({ scheduleId: schedule.id, periodStart: period.start }), [api, schedule.id, period.start]);
  const { value, error } = useLoaded(load);
  const [outcomes, setOutcomes] = useState<Record<string, PostConfirmationOutcome>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState<Removed[]>([]);
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const where = `${channelName(schedule.channel)}, ${formatDay(period.start)} to ${formatDay(period.end)}`;

  const submit = async () => {
    if (!value) return;
    setProblem(null);
    const open = value.posts.filter((p) => !outcomes[p.id]);
    if (open.length) {
      setProblem({ message: t('reviewChecklistForm.confirmEveryPost', { count: open.length }), focus: true });
      return;
    }
    setBusy(true);
    try {
      const review = await api['channelReviews.complete']({
        scheduleId: schedule.id,
        periodStart: period.start,
        confirmations: value.posts.map((p) => ({ postId: p.id, outcome: outcomes[p.id]!, note: notes[p.id] ?? '' })),
        removedComments: removed.map((r) => ({ postId: r.postId || null, removedOn: r.removedOn, note: r.note })),
        notes: summary,
      });
      onDone(t('reviewChecklistForm.recorded', { where, count: review.confirmations.length, removed: review.removedComments.length }));
    } catch (e) {
      setProblem({ message: messageOf(e), focus: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card"
      aria-labelledby={`${id}-heading`}
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FocusHeading id={`${id}-heading`}>{t('reviewChecklistForm.reviewOf')} {where}</FocusHeading>
      <FormAlert problem={problem} />
      {error ? <p className="field-error">{error}</p> : null}
      {!value ? (
        error ? null : <p aria-busy="true">{t('reviewChecklistForm.loadingTheLivePosts')}</p>
      ) : (
        <>
          <p>
            {value.posts.length === 0
              ? t('reviewChecklistForm.nothingIsLiveOnThis')
              : t('reviewChecklistForm.postsLive', { count: value.posts.length, channel: channelName(schedule.channel) })}
          </p>
          {value.posts.map((post) => (
            <section key={post.id} className="review-post" aria-labelledby={`${id}-${post.id}`}>
              <h3 id={`${id}-${post.id}`}>
                {post.testimonialTitle} ({post.publishedAt ? t('reviewChecklistForm.publishedOn', { day: formatDay(post.publishedAt) }) : t('reviewChecklistForm.published')})
              </h3>
              {post.publishedUrl ? <p className="post-url">{post.publishedUrl}</p> : null}
              <p className="review-post-caption">{post.caption}</p>
              <p className={post.covered ? '' : 'compliance-warning'}>
                {t('reviewChecklistForm.consent')} {post.consentStatus}
                {post.covered ? t('reviewChecklistForm.coversItToday') : t('reviewChecklistForm.notCovered', { reasons: post.reasons.join(' ') })}
              </p>
              <RadioGroup
                legend={t('reviewChecklistForm.confirmPost', { title: post.testimonialTitle })}
                name={`confirm-${post.id}`}
                choices={postConfirmationOutcomes.map((o) => ({ value: o, label: postConfirmationLabels[o] }))}
                value={outcomes[post.id] ?? null}
                onValue={(v) => setOutcomes((c) => ({ ...c, [post.id]: v }))}
              />
              {outcomes[post.id] === 'action_taken' || !post.covered ? (
                <TextArea label={t('reviewChecklistForm.whatNeededActionAndWhat')} value={notes[post.id] ?? ''} onValue={(v) => setNotes((c) => ({ ...c, [post.id]: v }))} />
              ) : null}
            </section>
          ))}
          <fieldset className="choice-group">
            <legend className="choice-group-legend">{t('reviewChecklistForm.commentsRemovedBecauseTheyHeld')}</legend>
            <p className="field-hint">{t('reviewChecklistForm.describeWhatACommentHeld')}</p>
            {removed.map((r, i) => (
              <div key={r.key} className="review-removed">
                <div className="field">
                  <label htmlFor={`${id}-removed-post-${r.key}`} className="field-label">
                    {t('reviewChecklistForm.onThePost')}
                  </label>
                  <select
                    id={`${id}-removed-post-${r.key}`}
                    className="field-input field-select"
                    value={r.postId}
                    onChange={(e) => setRemoved((all) => all.map((x) => (x.key === r.key ? { ...x, postId: e.target.value } : x)))}
                  >
                    <option value="">{t('reviewChecklistForm.notOnOneOfThese')}</option>
                    {value.posts.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.testimonialTitle}
                      </option>
                    ))}
                  </select>
                </div>
                <TextInput label={t('reviewChecklistForm.removedOn')} type="date" value={r.removedOn} onValue={(v) => setRemoved((all) => all.map((x) => (x.key === r.key ? { ...x, removedOn: v } : x)))} />
                <TextArea label={t('reviewChecklistForm.whatItHeld')} value={r.note} onValue={(v) => setRemoved((all) => all.map((x) => (x.key === r.key ? { ...x, note: v } : x)))} />
                <button type="button" className="button button-secondary button-small" onClick={() => setRemoved((all) => all.filter((x) => x.key !== r.key))}>
                  {t('reviewChecklistForm.removeThisNote')}<span className="visually-hidden"> ({i + 1})</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setRemoved((all) => [...all, { key: Date.now() + all.length, postId: value.posts[0]?.id ?? '', removedOn: todayHere(), note: '' }])}
            >
              {t('reviewChecklistForm.addARemovedComment')}
            </button>
          </fieldset>
          <TextArea label={t('reviewChecklistForm.notesOnThisReviewOptional')} value={summary} onValue={setSummary} />
          <div className="form-actions">
            <SubmitButton busy={busy}>{t('reviewChecklistForm.recordTheReview')}</SubmitButton>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('reviewChecklistForm.cancel')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
