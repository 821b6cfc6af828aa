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
  const api = useApi();
  const today = todayHere();
  const [range, setRange] = useState({ from: addDaysTo(today, -30), to: today });
  const [draft, setDraft] = useState(range);
  const load = useCallback(() => api['channelReviews.replyChecks'](range), [api, range]);
  const { value, error } = useLoaded(load);
  return (
    <section className="card" aria-labelledby="kept-replies-heading">
      <h2 id="kept-replies-heading">Review replies checked</h2>
      <form
        className="program-range"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setRange(draft);
        }}
      >
        <TextInput label="From" type="date" value={draft.from} onValue={(from) => setDraft((d) => ({ ...d, from }))} />
        <TextInput label="To" type="date" value={draft.to} onValue={(to) => setDraft((d) => ({ ...d, to }))} />
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            Show these days
          </button>
        </div>
      </form>
      {error ? <p className="field-error">{error}</p> : null}
      {!value ? (
        error ? null : <p aria-busy="true">Loading…</p>
      ) : value.length === 0 ? (
        <p>No reply was checked in these days.</p>
      ) : (
        <TableScroll label="Checked replies, newest first">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Checked</th>
                <th scope="col">By</th>
                <th scope="col">Answer</th>
                <th scope="col">Reply</th>
              </tr>
            </thead>
            <tbody>
              {value.map((r) => (
                <tr key={r.id}>
                  <td>{showInstant(r.checkedAt)}</td>
                  <td>{r.checkedByName}</td>
                  <td className={r.decision === 'flag' ? 'reply-flag' : ''}>{r.decision === 'flag' ? `Flagged: ${[...new Set(r.findings.map((f) => f.label))].join(', ')}` : 'Passed'}</td>
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
