import { channelName, roleLabel, reviewFrequencyLabel, periodStateLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import { channels } from '../../../../shared/authorization/scope';
import { formatDay } from '../../i18n/format';
import { reviewFrequencies, type PeriodStatus, type ReviewFrequency, type ReviewSchedule } from '../../../../shared/program/review-schedule';
import { type Role } from '../../../../shared/roles';
import type { ChannelReviewsOverview } from '../../../../shared/contract/program-calls';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { todayHere } from '../compliance/compliance-format';
import { issuesByPath, TextInput } from '../program/ControlledFields';
import { useSession } from '../session/app-state-context';
import { ReviewChecklistForm } from './ReviewChecklistForm';
import { KeptReplyChecks } from './KeptReplyChecks';
import { PostedReplyForm } from './PostedReplyForm';
import '../../components/buttons.css';
import '../../components/table.css';
import './reviews.css';

type Outcome = { message: string; tone: 'success' | 'problem' };

/**
 * Scheduled reviews of what is live: each channel's periods (done, done
 * late, due, missed), the review itself (every live post confirmed, removed
 * comments noted), a posted reply checked, and the review-reply checker's
 * kept results.
 */
export function LiveReviewsPage() {
  const { t } = useTranslation(['program-reviews', 'common']);
  const api = useApi();
  const session = useSession();
  const load = useCallback(() => api['channelReviews.overview']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reviewing, setReviewing] = useState<{ schedule: ReviewSchedule; period: PeriodStatus } | null>(null);
  // Each posted reply checked here joins the kept results below.
  const [repliesChecked, setRepliesChecked] = useState(0);

  if (!value) {
    return (
      <>
        <PageHeading>{t('liveReviewsPage.reviewsOfLivePosts')}</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">{t('liveReviewsPage.loadingTheReviews')}</p>}
      </>
    );
  }
  const scheduled = new Set(value.schedules.filter((s) => s.active).map((s) => s.channel));
  const unscheduled = value.liveChannels.filter((c) => !scheduled.has(c));
  return (
    <>
      <PageHeading>{t('liveReviewsPage.reviewsOfLivePosts')}</PageHeading>
      <p className="lead">
        {t('liveReviewsPage.eachChannelIsReviewedOn')}
      </p>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      {unscheduled.length ? (
        <p className="compliance-warning">
          {t('liveReviewsPage.livePostsWithoutAReview')} {unscheduled.map(channelName).join(', ')}.{value.canManage ? t('liveReviewsPage.scheduleThemBelow') : t('liveReviewsPage.askThePrivacyOfficerTo')}
        </p>
      ) : null}
      {reviewing ? (
        <ReviewChecklistForm
          key={`${reviewing.schedule.id}-${reviewing.period.start}`}
          schedule={reviewing.schedule}
          period={reviewing.period}
          onCancel={() => setReviewing(null)}
          onDone={(message) => {
            setReviewing(null);
            setOutcome({ message, tone: 'success' });
            reload();
          }}
        />
      ) : null}
      {value.schedules.length === 0 ? <p>{t('liveReviewsPage.noChannelIsScheduledYet')}</p> : null}
      {value.schedules.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`schedule-${s.id}`}>
          <h2 id={`schedule-${s.id}`}>{channelName(s.channel)}</h2>
          <p>
            {s.active
              ? t('liveReviewsPage.activeSchedule', { frequency: reviewFrequencyLabel(s.frequency), name: s.assigneeName, day: formatDay(s.startsOn) })
              : t('liveReviewsPage.stoppedOn', { day: s.endedOn ? formatDay(s.endedOn) : '—' })}
          </p>
          <TableScroll label={t('liveReviewsPage.periodsOf', { channel: channelName(s.channel) })}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('liveReviewsPage.period')}</th>
                  <th scope="col">{t('liveReviewsPage.review')}</th>
                  <th scope="col">{t('liveReviewsPage.doneOn')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('liveReviewsPage.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...s.periods].reverse().map((p) => (
                  <tr key={p.start}>
                    <th scope="row">
                      {formatDay(p.start)} {t('liveReviewsPage.to')} {formatDay(p.end)}
                    </th>
                    <td>
                      <span className={`badge review-${p.state}`}>{periodStateLabel(p.state)}</span>
                    </td>
                    <td>{p.completedOn ? formatDay(p.completedOn) : '—'}</td>
                    <td>
                      {(p.state === 'due' || p.state === 'missed') && (s.assigneeId === session.staffId || value.canManage) ? (
                        <button type="button" className="button button-primary button-small" onClick={() => setReviewing({ schedule: s, period: p })}>
                          {t('liveReviewsPage.reviewNow')}<span className="visually-hidden"> ({channelName(s.channel)}, {formatDay(p.start)})</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
      {value.canManage ? <ScheduleForm overview={value} onSaved={(s) => { setOutcome({ message: `${channelName(s.channel)}: ${s.active ? `${reviewFrequencyLabel(s.frequency).toLowerCase()}, by ${s.assigneeName}` : 'reviews stopped'}.`, tone: 'success' }); reload(); }} /> : null}
      <PostedReplyForm
        onChecked={(message, tone) => {
          setOutcome({ message, tone });
          setRepliesChecked((n) => n + 1);
        }}
      />
      <KeptReplyChecks key={repliesChecked} />
    </>
  );
}

const otherChannel = '__other__';

function ScheduleForm({ overview, onSaved }: { overview: ChannelReviewsOverview; onSaved: (schedule: ReviewSchedule) => void }) {
  const { t } = useTranslation(['program-reviews', 'common']);
  const api = useApi();
  const [channel, setChannel] = useState<string>(overview.liveChannels.find((c) => !overview.schedules.some((s) => s.channel === c)) ?? 'facebook');
  const [otherName, setOtherName] = useState('');
  const [frequency, setFrequency] = useState<ReviewFrequency>('monthly');
  const [assigneeId, setAssigneeId] = useState(overview.assignable[0]?.id ?? '');
  const [startsOn, setStartsOn] = useState(todayHere());
  const [active, setActive] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const known = [...new Set([...channels, ...overview.liveChannels, ...overview.schedules.map((s) => s.channel)])];
  return (
    <form
      className="card"
      aria-labelledby="schedule-form-heading"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setProblem(null);
        api['channelReviews.setSchedule']({ channel: channel === otherChannel ? otherName : channel, frequency, assigneeId, startsOn, active })
          .then(onSaved, (e: unknown) => {
            setErrors(issuesByPath(e));
            setProblem({ message: messageOf(e), focus: true });
          })
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="schedule-form-heading">{t('scheduleForm.scheduleTheReviewsOfA')}</h2>
      <FormAlert problem={problem} />
      <div className="field">
        <label htmlFor="schedule-channel" className="field-label">
          {t('scheduleForm.channel')}
        </label>
        <select id="schedule-channel" className="field-input field-select" value={channel} onChange={(e) => setChannel(e.target.value)}>
          {known.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
              {overview.schedules.some((s) => s.channel === c) ? t('scheduleForm.scheduled') : ''}
            </option>
          ))}
          <option value={otherChannel}>{t('scheduleForm.other')}</option>
        </select>
      </div>
      {channel === otherChannel ? <TextInput label={t('scheduleForm.nameOfTheChannel')} value={otherName} onValue={setOtherName} error={errors.channel} /> : null}
      <div className="field">
        <label htmlFor="schedule-frequency" className="field-label">
          {t('scheduleForm.howOften')}
        </label>
        <select id="schedule-frequency" className="field-input field-select" value={frequency} onChange={(e) => setFrequency(e.target.value as ReviewFrequency)}>
          {reviewFrequencies.map((f) => (
            <option key={f} value={f}>
              {reviewFrequencyLabel(f)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="schedule-assignee" className="field-label">
          {t('scheduleForm.reviewedBy')}
        </label>
        {errors.assigneeId ? <p className="field-error">{errors.assigneeId}</p> : null}
        <select id="schedule-assignee" className="field-input field-select" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
          {overview.assignable.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName} ({roleLabel(p.role as Role) ?? p.role})
            </option>
          ))}
        </select>
      </div>
      <TextInput label={t('scheduleForm.firstPeriodHolds')} type="date" value={startsOn} onValue={setStartsOn} error={errors.startsOn} hint={t('scheduleForm.reviewsAreDueFromThe')} />
      <div className="field field-checkbox">
        <input id="schedule-active" type="checkbox" className="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <label htmlFor="schedule-active">{t('scheduleForm.reviewsAreOnUntickTo')}</label>
      </div>
      <SubmitButton busy={busy}>{t('scheduleForm.saveTheSchedule')}</SubmitButton>
    </form>
  );
}
