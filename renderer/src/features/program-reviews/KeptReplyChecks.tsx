import { replyConcernLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import { addDaysTo } from '../../../../shared/calendar';
import { useApi } from '../../api/api-context';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { showInstant, todayHere } from '../compliance/compliance-format';
import { TextInput } from '../program/ControlledFields';
import './reviews.css';

/** The review-reply checker's kept results over a range (the last 30 days first). */
export function KeptReplyChecks() {
  const { t } = useTranslation(['program-reviews', 'common']);
  const api = useApi();
  const today = todayHere();
  const [range, setRange] = useState({ from: addDaysTo(today, -30), to: today });
  const [draft, setDraft] = useState(range);
  const load = useCallback(() => api['channelReviews.replyChecks'](range), [api, range]);
  const { value, error } = useLoaded(load);
  return (
    <section className="card" aria-labelledby="kept-replies-heading">
      <h2 id="kept-replies-heading">{t('keptReplyChecks.reviewRepliesChecked')}</h2>
      <form
        className="program-range"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setRange(draft);
        }}
      >
        <TextInput label={t('keptReplyChecks.from')} type="date" value={draft.from} onValue={(from) => setDraft((d) => ({ ...d, from }))} />
        <TextInput label={t('keptReplyChecks.to')} type="date" value={draft.to} onValue={(to) => setDraft((d) => ({ ...d, to }))} />
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            {t('keptReplyChecks.showTheseDays')}
          </button>
        </div>
      </form>
      {error ? <p className="field-error">{error}</p> : null}
      {!value ? (
        error ? null : <p aria-busy="true">{t('keptReplyChecks.loading')}</p>
      ) : value.length === 0 ? (
        <p>{t('keptReplyChecks.noReplyWasCheckedIn')}</p>
      ) : (
        <TableScroll label={t('keptReplyChecks.checkedRepliesNewestFirst')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('keptReplyChecks.checked')}</th>
                <th scope="col">{t('keptReplyChecks.by')}</th>
                <th scope="col">{t('keptReplyChecks.answer')}</th>
                <th scope="col">{t('keptReplyChecks.reply')}</th>
              </tr>
            </thead>
            <tbody>
              {value.map((r) => (
                <tr key={r.id}>
                  <td>{showInstant(r.checkedAt)}</td>
                  <td>{r.checkedByName}</td>
                  <td className={r.decision === 'flag' ? 'reply-flag' : ''}>{r.decision === 'flag' ? t('keptReplyChecks.flagged', { findings: [...new Set(r.findings.map((f) => replyConcernLabel(f.kind, f.label)))].join(', ') }) : t('keptReplyChecks.passed')}</td>
                  <td className="cell-wrap">{r.reply}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
