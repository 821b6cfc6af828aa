import { roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useId, useState } from 'react';
import { formatDay } from '../../i18n/format';
import { maxMaterialsPerSession, trainingStateLabels, type TrainingSession } from '../../../../shared/program/training';
import { type Role } from '../../../../shared/roles';
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
  const { t } = useTranslation(['program-training', 'common']);
  const api = useApi();
  const load = useCallback(() => api['training.overview']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [voiding, setVoiding] = useState<TrainingSession | null>(null);

  if (!value) {
    return (
      <>
        <PageHeading>{t('trainingPage.training')}</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">{t('trainingPage.loadingTraining')}</p>}
      </>
    );
  }
  return (
    <>
      <PageHeading>{t('trainingPage.training')}</PageHeading>
      <p className="lead">
        {t('trainingPage.everyoneIsTrainedOnThe')} {value.cycleMonths} {t('trainingPage.monthsThePolicyQuizCan')} <a href="#/quiz">{t('trainingPage.policyQuiz')}</a>{t('trainingPage.theLastResultShowsHere')}
      </p>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      <StaffStatus staff={value.staff} />
      <CycleForm cycleMonths={value.cycleMonths} onSaved={(m) => { setOutcome({ message: t('trainingPage.cycleSaved', { count: m }), tone: 'success' }); reload(); }} />
      <RecordTrainingForm
        people={value.people}
        onRecorded={(session) => {
          setOutcome({ message: t('trainingPage.recorded', { day: formatDay(session.heldOn), attendees: session.attendees.length, materials: session.materials.length }), tone: 'success' });
          reload();
        }}
      />
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('trainingPage.sessionsHeld')}</h2>
        {value.sessions.length === 0 ? <p>{t('trainingPage.noSessionRecordedYet')}</p> : null}
        {value.sessions.map((s) => (
          <article key={s.id} className={s.voidedAt ? 'training-session training-session-void' : 'training-session'} aria-labelledby={`session-${s.id}`}>
            <h3 id={`session-${s.id}`}>
              {formatDay(s.heldOn)}: {s.topic}
              {s.voidedAt ? t('trainingPage.void') : ''}
            </h3>
            <p>
              {t('trainingPage.trainer')} {s.trainer}{t('trainingPage.attended')} {s.attendees.map((a) => a.displayName).join(', ')}{t('trainingPage.recordedBy')} {s.recordedByName}.
            </p>
            {s.notes ? <p>{s.notes}</p> : null}
            {s.voidReason ? <p className="compliance-warning">{t('trainingPage.void2')} {s.voidReason}</p> : null}
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
                {t('trainingPage.voidThisSession')}
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
            setOutcome({ message: t('trainingPage.voided', { day: formatDay(voiding.heldOn) }), tone: 'success' });
            reload();
          }}
        />
      ) : null}
    </>
  );
}

function StaffStatus({ staff }: { staff: TrainingOverview['staff'] }) {
  const { t } = useTranslation(['program-training', 'common']);
  return (
    <section className="card" aria-labelledby="training-status-heading">
      <h2 id="training-status-heading">{t('staffStatus.whoIsTrained')}</h2>
      <TableScroll label={t('staffStatus.trainingStatus')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('staffStatus.staffMember')}</th>
              <th scope="col">{t('staffStatus.role')}</th>
              <th scope="col">{t('staffStatus.status')}</th>
              <th scope="col">{t('staffStatus.lastTrained')}</th>
              <th scope="col">{t('staffStatus.due')}</th>
              <th scope="col">{t('staffStatus.lastQuiz')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.staffId}>
                <th scope="row">{s.displayName}</th>
                <td>{roleLabel(s.role as Role) ?? s.role}</td>
                <td>
                  <span className={`badge training-${s.status.state}`}>{trainingStateLabels[s.status.state]}</span>
                </td>
                <td>{s.status.lastTrainedOn ? formatDay(s.status.lastTrainedOn) : t('staffStatus.never')}</td>
                <td>{formatDay(s.status.dueOn)}</td>
                <td>{s.lastQuiz ? t(s.lastQuiz.passed ? 'staffStatus.quizPassed' : 'staffStatus.quizNotPassed', { correct: s.lastQuiz.correct, total: s.lastQuiz.total }) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function CycleForm({ cycleMonths, onSaved }: { cycleMonths: number; onSaved: (months: number) => void }) {
  const { t } = useTranslation(['program-training', 'common']);
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
      <h2 id="cycle-heading">{t('cycleForm.trainingCycle')}</h2>
      <TextInput label={t('cycleForm.trainEveryoneAgainEveryMonths')} type="number" min={1} max={24} inputMode="numeric" value={value} onValue={setValue} error={error} hint={t('cycleForm.12ForOnceAYear')} />
      <SubmitButton busy={busy}>{t('cycleForm.saveTheCycle')}</SubmitButton>
    </form>
  );
}

function RecordTrainingForm({ people, onRecorded }: { people: TrainingOverview['people']; onRecorded: (session: TrainingSession) => void }) {
  const { t } = useTranslation(['program-training', 'common']);
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
      setErrors({ materials: t('recordTrainingForm.attachAtMost', { max: maxMaterialsPerSession }) });
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
      <h2 id={`${id}-heading`}>{t('recordTrainingForm.recordATrainingSession')}</h2>
      <FormAlert problem={problem} />
      <TextInput label={t('recordTrainingForm.dateHeld')} type="date" value={heldOn} onValue={setHeldOn} error={errors.heldOn} />
      <TextInput label={t('recordTrainingForm.topic')} value={topic} onValue={setTopic} error={errors.topic} />
      <TextInput label={t('recordTrainingForm.trainer')} value={trainer} onValue={setTrainer} error={errors.trainer} hint={t('recordTrainingForm.whoGaveItForExample')} />
      <fieldset className="choice-group" aria-describedby={errors.attendeeIds ? `${id}-attendees-error` : undefined}>
        <legend className="choice-group-legend">{t('recordTrainingForm.attended')}</legend>
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
                {p.displayName} ({roleLabel(p.role as Role) ?? p.role})
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextArea label={t('recordTrainingForm.notesOptional')} value={notes} onValue={setNotes} error={errors.notes} />
      <div className="field">
        <label htmlFor={`${id}-files`} className="field-label">
          {t('recordTrainingForm.materialsOptional')}
        </label>
        <p id={`${id}-files-hint`} className="field-hint">
          {t('recordTrainingForm.slidesHandoutsOrASign')}
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
      <SubmitButton busy={busy}>{t('recordTrainingForm.recordTheSession')}</SubmitButton>
    </form>
  );
}

function VoidDialog({ session, onClose, onVoided }: { session: TrainingSession; onClose: () => void; onVoided: () => void }) {
  const { t } = useTranslation(['program-training', 'common']);
  const api = useApi();
  const { busy, problem, run } = useConfirmedAction();
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('voidDialog.voidThisTrainingSession')} onClose={onClose}>
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
            {t('voidDialog.theSessionOf')} {formatDay(session.heldOn)} (“{session.topic}{t('voidDialog.staysOnRecordMarkedVoid')}
          </p>
          <FormAlert problem={problem} />
          <TextArea label={t('voidDialog.whyItIsVoid')} value={reason} onValue={setReason} />
          <div className="form-actions">
            <SubmitButton busy={busy} variant="danger">
              {t('voidDialog.voidTheSession')}
            </SubmitButton>
            <button type="button" className="button button-secondary" onClick={close}>
              {t('voidDialog.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
