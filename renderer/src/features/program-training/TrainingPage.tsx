import { useCallback, useId, useState } from 'react';
import { formatDay } from '../../../../shared/calendar';
import { maxMaterialsPerSession, trainingStateLabels, type TrainingSession } from '../../../../shared/program/training';
import { roleLabels, type Role } from '../../../../shared/roles';
import type { TrainingOverview } from '../../../../shared/contract/program-calls';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { downloadFile } from '../../components/download-file';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { base64Of } from '../../components/read-file';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TableScroll } from '../../components/TableScroll';
import { useConfirmedAction } from '../../components/use-confirmed-action';
import { useLoaded } from '../../components/use-loaded';
import { formatBytes, todayHere } from '../compliance/compliance-format';
import { issuesByPath, TextArea, TextInput } from '../program/ControlledFields';
import '../../components/buttons.css';
import '../../components/table.css';
import '../../components/dialog.css';
import './training.css';

type Outcome = { message: string; tone: 'success' | 'problem' };

/**
 * Training on the policies (164.530(b)): each person's status by the
 * practice's cycle (current, due within 30 days, overdue), the sessions
 * held with their attendees and materials (kept encrypted), and a form to
 * record one. A session recorded by mistake is voided, not deleted.
 */
export function TrainingPage() {
  const api = useApi();
  const load = useCallback(() => api['training.overview']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [voiding, setVoiding] = useState<TrainingSession | null>(null);

  if (!value) {
    return (
      <>
        <PageHeading>Training</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">Loading training…</p>}
      </>
    );
  }
  return (
    <>
      <PageHeading>Training</PageHeading>
      <p className="lead">
        Everyone is trained on the social-media policy within 30 days of joining, then every {value.cycleMonths} months. The policy quiz can be taken by
        anyone from <a href="#/quiz">Policy quiz</a>; the last result shows here.
      </p>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      <StaffStatus staff={value.staff} />
      <CycleForm cycleMonths={value.cycleMonths} onSaved={(m) => { setOutcome({ message: `Training is now due every ${m} months.`, tone: 'success' }); reload(); }} />
      <RecordTrainingForm
        people={value.people}
        onRecorded={(session) => {
          setOutcome({ message: `The session of ${formatDay(session.heldOn, 'en')} is recorded: ${session.attendees.length} attendee(s), ${session.materials.length} material(s).`, tone: 'success' });
          reload();
        }}
      />
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions held</h2>
        {value.sessions.length === 0 ? <p>No session recorded yet.</p> : null}
        {value.sessions.map((s) => (
          <article key={s.id} className={s.voidedAt ? 'training-session training-session-void' : 'training-session'} aria-labelledby={`session-${s.id}`}>
            <h3 id={`session-${s.id}`}>
              {formatDay(s.heldOn, 'en')}: {s.topic}
              {s.voidedAt ? ' (void)' : ''}
            </h3>
            <p>
              Trainer: {s.trainer}. Attended: {s.attendees.map((a) => a.displayName).join(', ')}. Recorded by {s.recordedByName}.
            </p>
            {s.notes ? <p>{s.notes}</p> : null}
            {s.voidReason ? <p className="compliance-warning">Void: {s.voidReason}</p> : null}
            {s.materials.length ? (
              <ul className="training-materials">
                {s.materials.map((m) => (
                  <li key={m.id}>
                    <button
                      type="button"
                      className="button-link"
                      onClick={() =>
                        void api['training.material']({ id: m.id }).then(downloadFile, (e: unknown) => setOutcome({ message: messageOf(e), tone: 'problem' }))
                      }
                    >
                      {m.fileName}
                    </button>{' '}
                    ({formatBytes(m.bytes)})
                  </li>
                ))}
              </ul>
            ) : null}
            {!s.voidedAt ? (
              <button type="button" className="button button-secondary button-small" onClick={() => setVoiding(s)}>
                Void this session…
              </button>
            ) : null}
          </article>
        ))}
      </section>
      {voiding ? (
        <VoidDialog
          session={voiding}
          onClose={() => setVoiding(null)}
          onVoided={() => {
            setOutcome({ message: `The session of ${formatDay(voiding.heldOn, 'en')} is void; it stays on record and counts for nobody.`, tone: 'success' });
            reload();
          }}
        />
      ) : null}
    </>
  );
}

function StaffStatus({ staff }: { staff: TrainingOverview['staff'] }) {
  return (
    <section className="card" aria-labelledby="training-status-heading">
      <h2 id="training-status-heading">Who is trained</h2>
      <TableScroll label="Training status">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Staff member</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last trained</th>
              <th scope="col">Due</th>
              <th scope="col">Last quiz</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.staffId}>
                <th scope="row">{s.displayName}</th>
                <td>{roleLabels[s.role as Role] ?? s.role}</td>
                <td>
                  <span className={`badge training-${s.status.state}`}>{trainingStateLabels[s.status.state]}</span>
                </td>
                <td>{s.status.lastTrainedOn ? formatDay(s.status.lastTrainedOn, 'en') : 'Never'}</td>
                <td>{formatDay(s.status.dueOn, 'en')}</td>
                <td>{s.lastQuiz ? `${s.lastQuiz.correct} of ${s.lastQuiz.total}${s.lastQuiz.passed ? ', passed' : ', not passed'}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function CycleForm({ cycleMonths, onSaved }: { cycleMonths: number; onSaved: (months: number) => void }) {
  const api = useApi();
  const [value, setValue] = useState(String(cycleMonths));
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card training-cycle"
      aria-labelledby="cycle-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const months = Number(value);
        setBusy(true);
        setError(undefined);
        api['training.setCycle']({ cycleMonths: months }).then(
          (r) => onSaved(r.cycleMonths),
          (e: unknown) => setError(issuesByPath(e).cycleMonths ?? messageOf(e)),
        ).finally(() => setBusy(false));
      }}
    >
      <h2 id="cycle-heading">Training cycle</h2>
      <TextInput label="Train everyone again every (months)" type="number" min={1} max={24} inputMode="numeric" value={value} onValue={setValue} error={error} hint="12 for once a year." />
      <SubmitButton busy={busy}>Save the cycle</SubmitButton>
    </form>
  );
}

function RecordTrainingForm({ people, onRecorded }: { people: TrainingOverview['people']; onRecorded: (session: TrainingSession) => void }) {
  const api = useApi();
  const id = useId();
  const [heldOn, setHeldOn] = useState(todayHere());
  const [topic, setTopic] = useState('Social media and patient privacy');
  const [trainer, setTrainer] = useState('');
  const [notes, setNotes] = useState('');
  const [attendees, setAttendees] = useState<Set<string>>(new Set());
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const submit = async () => {
    setErrors({});
    setProblem(null);
    if (files.length > maxMaterialsPerSession) {
      setErrors({ materials: `Attach at most ${maxMaterialsPerSession} files.` });
      return;
    }
    setBusy(true);
    try {
      const materials = await Promise.all(files.map(async (f) => ({ fileName: f.name, base64: await base64Of(f) })));
      const session = await api['training.record']({ heldOn, topic, trainer, notes, attendeeIds: [...attendees], materials });
      onRecorded(session);
      setTrainer('');
      setNotes('');
      setAttendees(new Set());
      setFiles([]);
      setFormKey((k) => k + 1);
    } catch (error) {
      const byPath = issuesByPath(error);
      const materialError = Object.entries(byPath).find(([path]) => path.startsWith('materials'));
      setErrors({ ...byPath, ...(materialError ? { materials: materialError[1] } : {}) });
      setProblem({ message: messageOf(error), focus: Object.keys(byPath).length === 0 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      key={formKey}
      className="card"
      aria-labelledby={`${id}-heading`}
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`}>Record a training session</h2>
      <FormAlert problem={problem} />
      <TextInput label="Date held" type="date" value={heldOn} onValue={setHeldOn} error={errors.heldOn} />
      <TextInput label="Topic" value={topic} onValue={setTopic} error={errors.topic} />
      <TextInput label="Trainer" value={trainer} onValue={setTrainer} error={errors.trainer} hint="Who gave it, for example “Dana Whitfield, privacy officer”." />
      <fieldset className="choice-group" aria-describedby={errors.attendeeIds ? `${id}-attendees-error` : undefined}>
        <legend className="choice-group-legend">Attended</legend>
        {errors.attendeeIds ? (
          <p id={`${id}-attendees-error`} className="field-error">
            {errors.attendeeIds}
          </p>
        ) : null}
        <div className="choice-group-options choice-group-columns">
          {people.map((p) => (
            <div key={p.id} className="field-checkbox choice-group-option">
              <input
                id={`${id}-${p.id}`}
                type="checkbox"
                className="checkbox"
                checked={attendees.has(p.id)}
                onChange={(event) =>
                  setAttendees((current) => {
                    const next = new Set(current);
                    if (event.target.checked) next.add(p.id);
                    else next.delete(p.id);
                    return next;
                  })
                }
              />
              <label htmlFor={`${id}-${p.id}`}>
                {p.displayName} ({roleLabels[p.role as Role] ?? p.role})
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextArea label="Notes (optional)" value={notes} onValue={setNotes} error={errors.notes} />
      <div className="field">
        <label htmlFor={`${id}-files`} className="field-label">
          Materials (optional)
        </label>
        <p id={`${id}-files-hint`} className="field-hint">
          Slides, handouts or a sign-in sheet: PDF, PNG, JPEG or text, up to 20 MB each. They are stored encrypted; photos lose their location and camera details.
        </p>
        {errors.materials ? (
          <p id={`${id}-files-error`} className="field-error">
            {errors.materials}
          </p>
        ) : null}
        <input
          id={`${id}-files`}
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.txt"
          aria-describedby={`${id}-files-hint${errors.materials ? ` ${id}-files-error` : ''}`}
          aria-invalid={errors.materials ? true : undefined}
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
      </div>
      <SubmitButton busy={busy}>Record the session</SubmitButton>
    </form>
  );
}

function VoidDialog({ session, onClose, onVoided }: { session: TrainingSession; onClose: () => void; onVoided: () => void }) {
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();
  const [reason, setReason] = useState('');
  return (
    <Dialog title="Void this training session?" onClose={onClose}>
      {(close) => (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await api['training.void']({ id: session.id, reason });
              onVoided();
              close();
            });
          }}
        >
          <p>
            The session of {formatDay(session.heldOn, 'en')} (“{session.topic}”) stays on record, marked void, and no longer counts as anyone’s training.
          </p>
          <FormAlert problem={problem} />
          <TextArea label="Why it is void" value={reason} onValue={setReason} />
          <div className="form-actions">
            <SubmitButton busy={busy} variant="danger">
              Void the session
            </SubmitButton>
            <button type="button" className="button button-secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
