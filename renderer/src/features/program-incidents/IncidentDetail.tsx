import { channelName, languageName, incidentTriggerLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useId, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { formatDay } from '../../i18n/format';
import { patientLanguages } from '../../../../shared/patient-language';
import {
  assessmentProblems,
  emptyAssessment,
  noticeKindLabels,
  noticeKinds,
  phiKindLabels,
  phiKinds,
  phiKindsOfContent,
  sensitivities,
  type Assessment,
  type Incident,
  type NoticeKind,
  type NotificationDecision,
} from '../../../../shared/program/incident';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useLoaded } from '../../components/use-loaded';
import { showDayOf, showInstant, todayHere } from '../compliance/compliance-format';
import { issuesByPath, RadioGroup, TextArea, TextInput } from '../program/ControlledFields';
import { SavePdfButton } from '../program/SavePdfButton';
import './incidents.css';
import { incidentOverdueText, incidentStepText } from '../../i18n/program-problems';
import { i18n } from '../../i18n/i18n';

type Outcome = { message: string; tone: 'success' | 'problem' };

/** One incident: what happened and its clock, the four-factor assessment, the decision, the signed report and letter, the notices, and closing it. */
export function IncidentDetail({ id }: { id: string }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const load = useCallback(() => api['incidents.get']({ id }), [api, id]);
  const { value: incident, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const done = (message: string) => {
    setOutcome({ message, tone: 'success' });
    reload();
  };

  if (!incident) {
    return (
      <>
        <p className="back-link">
          <a href="#/incidents">{t('incidentDetail.allIncidents')}</a>
        </p>
        <PageHeading>{t('incidentDetail.incident')}</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">{t('incidentDetail.loadingTheIncident')}</p>}
      </>
    );
  }
  const d = incident.clock.deadlines;
  const open = incident.state === 'open';
  return (
    <>
      <p className="back-link">
        <a href="#/incidents">{t('incidentDetail.allIncidents')}</a>
      </p>
      <PageHeading>{t('incidentDetail.incident2')} {incidentTriggerLabel(incident.trigger)}</PageHeading>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      {incident.clock.overdue.length ? (
        <div className="compliance-warning" role="alert">
          <strong>{t('incidentDetail.pastItsDeadline')}</strong> {incident.clock.overdueItems.map(incidentOverdueText).join(' ')}
        </div>
      ) : null}
      <section className="card" aria-labelledby="incident-summary-heading">
        <h2 id="incident-summary-heading">{t('incidentDetail.whatHappened')}</h2>
        <p>{incident.summary}</p>
        <dl className="incident-facts">
          <dt>{t('incidentDetail.state')}</dt>
          <dd>{open ? t('incidentDetail.open') : t('incidentDetail.closedOnBy', { day: incident.closedAt ? showDayOf(incident.closedAt) : '', name: incident.closedByName ?? '' })}</dd>
          <dt>{t('incidentDetail.opened')}</dt>
          <dd>
            {showInstant(incident.openedAt)} {t('incidentDetail.by')} {incident.openedByName}
          </dd>
          <dt>{t('incidentDetail.discoveredOn')}</dt>
          <dd>
            {formatDay(incident.discoveredOn)} ({incident.discoveryNote})
          </dd>
          <dt>{t('incidentDetail.noticeToThePatientBy')}</dt>
          <dd>
            {formatDay(d.individualBy)}
            {open ? ` ${t('incidentDetail.daysLeft', { count: incident.clock.daysLeft })}` : ''}
          </dd>
          <dt>{t('incidentDetail.mediaNoticeBy')}</dt>
          <dd>{d.mediaBy ? formatDay(d.mediaBy) : t('incidentDetail.notNeededFewerThan500')}</dd>
          <dt>{t('incidentDetail.hhsNoticeBy')}</dt>
          <dd>{d.hhsYearly ? t('incidentDetail.hhsYearly', { day: formatDay(d.hhsBy) }) : formatDay(d.hhsBy)}</dd>
          {incident.patientName ? (
            <>
              <dt>{t('incidentDetail.patient')}</dt>
              <dd>{incident.patientName}</dd>
            </>
          ) : null}
          {incident.post ? (
            <>
              <dt>{t('incidentDetail.post')}</dt>
              <dd>
                {incident.post.testimonialTitle} {t('incidentDetail.on')} {channelName(incident.post.channel)}
                {incident.post.publishedAt ? t('incidentDetail.publishedOn', { day: formatDay(incident.post.publishedAt) }) : ''}
                {incident.post.publishedUrl ? ` (${incident.post.publishedUrl})` : ''};{' '}
                {incident.post.takenDownAt ? t('incidentDetail.takenDownOn', { day: showDayOf(incident.post.takenDownAt) }) : t('incidentDetail.notTakenDownYet')}
              </dd>
            </>
          ) : null}
          {incident.reply ? (
            <>
              <dt>{t('incidentDetail.postedReply')}</dt>
              <dd>
                “{incident.reply.text}{t('incidentDetail.on2')} {channelName(incident.reply.channel)}
                {incident.reply.url ? ` (${incident.reply.url})` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        {incident.clock.toDo.length ? (
          <>
            <h3>{t('incidentDetail.stillToDo')}</h3>
            <ul className="incident-todo">
              {incident.clock.toDoItems.map((step) => (
                <li key={step.kind}>{incidentStepText(step)}</li>
              ))}
            </ul>
          </>
        ) : null}
        {open ? <DiscoveryForm incident={incident} onDone={done} /> : null}
      </section>
      <AssessmentForm incident={incident} onDone={done} />
      {open && !incident.decision && incident.assessment && assessmentProblems(incident.assessment).length === 0 ? <DecisionForm incident={incident} onDone={done} /> : null}
      {incident.decision ? (
        <section className="card" aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t('incidentDetail.decision')}</h2>
          <p>
            <strong>{incident.decision === 'required' ? t('incidentDetail.notificationRequired') : t('incidentDetail.notificationNotRequired')}</strong> {incident.decisionRationale} ({incident.affectedCount} {t('incidentDetail.affectedDecidedBy')} {incident.decidedByName} {incident.decidedAt ? showDayOf(incident.decidedAt) : ''})
          </p>
        </section>
      ) : null}
      <Documents incident={incident} onDone={done} onOutcome={setOutcome} />
      {incident.decision === 'required' ? <Notices incident={incident} onDone={done} /> : null}
      {open && incident.decision ? <CloseForm incident={incident} onDone={done} /> : null}
    </>
  );
}

function DiscoveryForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const [day, setDay] = useState(incident.discoveredOn);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  return (
    <details>
      <summary>{t('discoveryForm.itWasKnownEarlierThan')} {formatDay(incident.discoveredOn)}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setErrors({});
          setProblem(null);
          api['incidents.correctDiscovery']({ id: incident.id, discoveredOn: day, reason }).then(
            (i) => onDone(t('discoveryForm.recorded', { discovered: formatDay(i.discoveredOn), due: formatDay(i.clock.deadlines.individualBy) })),
            (e: unknown) => {
              setErrors(issuesByPath(e));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          );
        }}
      >
        <FormAlert problem={problem} />
        <TextInput label={t('discoveryForm.knownSince')} type="date" value={day} onValue={setDay} error={errors.discoveredOn} />
        <TextArea label={t('discoveryForm.howItWasKnownThen')} value={reason} onValue={setReason} error={errors.reason} />
        <button type="submit" className="button button-secondary">
          {t('discoveryForm.setTheEarlierDay')}
        </button>
      </form>
    </details>
  );
}

const viewedChoices = [
  { value: 'yes', key: 'assessmentForm.viewedYes' },
  { value: 'no', key: 'assessmentForm.viewedNo' },
  { value: 'unknown', key: 'assessmentForm.viewedUnknown' },
] as const;
const probabilityChoices = [
  { value: 'not_low', key: 'assessmentForm.probabilityNotLow' },
  { value: 'low', key: 'assessmentForm.probabilityLow' },
] as const;

/** The four factors of 164.402(2); saved as it is filled in, and fixed once the decision is recorded. */
function AssessmentForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const start: Assessment = incident.assessment ?? { ...emptyAssessment, identifiers: incident.post ? phiKindsOfContent(incident.post.contentKinds) : ['patient_relationship'], recipients: incident.post ? `The public, on ${channelName(incident.post.channel)}.` : '' };
  const [a, setA] = useState<Assessment>(start);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const fixed = incident.decision !== null || incident.state === 'closed';
  const missing = assessmentProblems(a);
  const set = <K extends keyof Assessment>(key: K, value: Assessment[K]) => setA((x) => ({ ...x, [key]: value }));
  return (
    <form
      className="card"
      aria-labelledby="assessment-heading"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setProblem(null);
        api['incidents.assess']({ id: incident.id, assessment: a })
          .then(
            (i) => onDone(t(i.assessment && assessmentProblems(i.assessment).length === 0 ? 'assessmentForm.complete' : 'assessmentForm.savedIncomplete')),
            (e: unknown) => setProblem({ message: messageOf(e), focus: true }),
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="assessment-heading">{t('assessmentForm.riskAssessment45Cfr164')}</h2>
      <p className="field-hint">
        {t('assessmentForm.anImpermissibleDisclosureIsPresumed')}
        {incident.assessedAt ? ` ${t('assessmentForm.lastSaved', { when: showInstant(incident.assessedAt), name: incident.assessedByName ?? '' })}` : ''}
      </p>
      <FormAlert problem={problem} />
      <fieldset disabled={fixed}>
        <legend className="visually-hidden">{t('assessmentForm.theFourFactors')}</legend>
        <fieldset className="incident-factor">
          <legend>{t('assessmentForm.1NatureAndExtentOf')}</legend>
          <div className="choice-group-options choice-group-columns" role="group" aria-label={t('assessmentForm.informationInvolved')}>
            {phiKinds.map((k) => (
              <div key={k} className="field-checkbox choice-group-option">
                <input
                  id={`phi-${k}`}
                  type="checkbox"
                  className="checkbox"
                  checked={a.identifiers.includes(k)}
                  onChange={(event) => set('identifiers', event.target.checked ? phiKinds.filter((x) => x === k || a.identifiers.includes(x)) : a.identifiers.filter((x) => x !== k))}
                />
                <label htmlFor={`phi-${k}`}>{phiKindLabels[k]}</label>
              </div>
            ))}
          </div>
          <RadioGroup legend={t('assessmentForm.howSensitiveIsIt')} name="sensitivity" choices={sensitivities.map((s) => ({ value: s, label: i18n.t(`labels:incidentSensitivities.${s}`) }))} value={a.sensitivity} onValue={(v) => set('sensitivity', v)} />
          <TextArea label={t('assessmentForm.notesOnTheInformationOptional')} value={a.natureNotes} onValue={(v) => set('natureNotes', v)} />
        </fieldset>
        <fieldset className="incident-factor">
          <legend>{t('assessmentForm.2WhoReceivedIt')}</legend>
          <TextArea label={t('assessmentForm.whoCouldSeeIt')} value={a.recipients} onValue={(v) => set('recipients', v)} hint={t('assessmentForm.forExampleThePublicOn')} />
        </fieldset>
        <fieldset className="incident-factor">
          <legend>{t('assessmentForm.3WhetherItWasActually')}</legend>
          <RadioGroup legend={t('assessmentForm.wasItViewedOrCopied')} name="viewed" choices={viewedChoices.map((c) => ({ value: c.value, label: t(c.key) }))} value={a.viewed} onValue={(v) => set('viewed', v)} />
          <TextArea label={t('assessmentForm.evidence')} value={a.viewedEvidence} onValue={(v) => set('viewedEvidence', v)} hint={t('assessmentForm.viewsReactionsSharesCommentsOr')} />
        </fieldset>
        <fieldset className="incident-factor">
          <legend>{t('assessmentForm.4HowFarTheRisk')}</legend>
          <TextArea
            label={t('assessmentForm.takeDown')}
            value={a.takedownNotes}
            onValue={(v) => set('takedownNotes', v)}
            hint={incident.post?.takenDownAt ? t('assessmentForm.takeDownRecordedOn', { when: showInstant(incident.post.takenDownAt) }) : t('assessmentForm.recordTheTakeDownOn')}
          />
          <RemovalRequests value={a.removalRequests} onChange={(v) => set('removalRequests', v)} />
          <TextArea label={t('assessmentForm.otherMitigationOptional')} value={a.otherMitigation} onValue={(v) => set('otherMitigation', v)} />
        </fieldset>
        <RadioGroup legend={t('assessmentForm.conclusionTheProbabilityThatThe')} name="probability" choices={probabilityChoices.map((c) => ({ value: c.value, label: t(c.key) }))} value={a.probability} onValue={(v) => set('probability', v)} />
      </fieldset>
      {!fixed ? (
        <>
          <p role="status" className="field-hint">
            {missing.length ? t('assessmentForm.toComplete', { problems: missing.map((m) => m.message).join(' ') }) : t('assessmentForm.everyFactorIsAnswered')}
          </p>
          <SubmitButton busy={busy}>{t('assessmentForm.saveTheAssessment')}</SubmitButton>
        </>
      ) : null}
    </form>
  );
}

function RemovalRequests({ value, onChange }: { value: Assessment['removalRequests']; onChange: (v: Assessment['removalRequests']) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  return (
    <fieldset className="choice-group">
      <legend className="choice-group-legend">{t('removalRequests.requestsToThePlatformTo')}</legend>
      {value.map((r, i) => (
        <div key={i} className="review-removed">
          <TextInput label={t('removalRequests.platform')} value={r.platform} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, platform: v } : x)))} />
          <TextInput label={t('removalRequests.requestedOn')} type="date" value={r.requestedOn} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, requestedOn: v } : x)))} />
          <TextInput label={t('removalRequests.referenceOptional')} value={r.reference} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, reference: v } : x)))} />
          <TextInput label={t('removalRequests.outcomeOptional')} value={r.outcome} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, outcome: v } : x)))} />
          <button type="button" className="button button-secondary button-small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('removalRequests.removeThisRequest')}<span className="visually-hidden"> ({i + 1})</span>
          </button>
        </div>
      ))}
      <button type="button" className="button button-secondary button-small" onClick={() => onChange([...value, { platform: '', requestedOn: todayHere(), reference: '', outcome: '' }])}>
        {t('removalRequests.addARemovalRequest')}
      </button>
    </fieldset>
  );
}

function DecisionForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const [decision, setDecision] = useState<NotificationDecision | null>(incident.assessment?.probability === 'low' ? null : 'required');
  const [rationale, setRationale] = useState('');
  const [affected, setAffected] = useState('1');
  const [largest, setLargest] = useState('1');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const choices = [
    { value: 'required' as const, label: t('decisionForm.required') },
    ...(incident.assessment?.probability === 'low' ? [{ value: 'not_required' as const, label: t('decisionForm.notRequired') }] : []),
  ];
  return (
    <form
      className="card"
      aria-labelledby="decide-heading"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        if (!decision) {
          setErrors({ decision: t('decisionForm.chooseDecision') });
          return;
        }
        setBusy(true);
        setErrors({});
        setProblem(null);
        api['incidents.decide']({ id: incident.id, decision: { decision, rationale, affectedCount: Number(affected), largestStateCount: Number(largest) } })
          .then(
            (i) => onDone(t(i.decision === 'required' ? 'decisionForm.recordedRequired' : 'decisionForm.recordedNotRequired')),
            (e: unknown) => {
              setErrors(issuesByPath(e, 'decision.'));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="decide-heading">{t('decisionForm.decideOnNotification')}</h2>
      <FormAlert problem={problem} />
      <RadioGroup legend={t('decisionForm.decision')} name="decision" choices={choices} value={decision} onValue={setDecision} error={errors.decision} />
      <TextArea label={t('decisionForm.why')} value={rationale} onValue={setRationale} error={errors.rationale} />
      <TextInput label={t('decisionForm.peopleAffected')} type="number" min={1} inputMode="numeric" value={affected} onValue={setAffected} error={errors.affectedCount} />
      <TextInput
        label={t('decisionForm.mostResidentsOfAnyOne')}
        type="number"
        min={0}
        inputMode="numeric"
        value={largest}
        onValue={setLargest}
        error={errors.largestStateCount}
        hint={t('decisionForm.500OrMoreResidentsOf')}
      />
      <SubmitButton busy={busy}>{t('decisionForm.recordTheDecision')}</SubmitButton>
    </form>
  );
}

function Documents({ incident, onDone, onOutcome }: { incident: Incident; onDone: (message: string) => void; onOutcome: (o: Outcome) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const idBase = useId();
  const defaultLanguage = (languages as readonly string[]).includes(incident.post?.consentLanguage ?? '') ? (incident.post!.consentLanguage as Language) : 'en';
  const [reportLanguage, setReportLanguage] = useState<Language>('en');
  const [letterLanguage, setLetterLanguage] = useState<Language>(defaultLanguage);
  const [recipient, setRecipient] = useState('');
  const [address, setAddress] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState<'report' | 'letter' | null>(null);
  const produce = (kind: 'report' | 'letter') => {
    setBusy(kind);
    setErrors({});
    setProblem(null);
    const call =
      kind === 'report'
        ? api['incidents.produceReport']({ id: incident.id, language: reportLanguage })
        : api['incidents.produceLetter']({ id: incident.id, language: letterLanguage, recipientName: recipient, addressLines: address });
    call
      .then(
        () => onDone(t(kind === 'report' ? 'documents.reportProduced' : 'documents.letterProduced')),
        (e: unknown) => {
          setErrors(issuesByPath(e));
          setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
        },
      )
      .finally(() => setBusy(null));
  };
  const languageSelect = (kind: 'report' | 'letter', label: string, value: Language, set: (l: Language) => void) => (
    <div className="field">
      <label htmlFor={`${idBase}-${kind}-language`} className="field-label">
        {label}
      </label>
      <select id={`${idBase}-${kind}-language`} className="field-input field-select" value={value} onChange={(e) => set(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l}>
            {languageName(l)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="card" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents.signedDocuments')}</h2>
      <FormAlert problem={problem} />
      {incident.documents.length ? (
        <ul className="incident-documents">
          {incident.documents.map((doc) => {
            const what = `${doc.kind === 'report' ? 'incident report' : 'notification letter'} in ${patientLanguages[doc.language as Language]?.englishName ?? doc.language}, ${showInstant(doc.createdAt)}`;
            return (
              <li key={doc.id}>
                {what[0]!.toUpperCase() + what.slice(1)} {t('documents.by')} {doc.createdByName}){' '}
                <SavePdfButton source={{ call: 'incidents.document', input: { id: doc.id } }} what={what} fetchPdf={() => api['incidents.document']({ id: doc.id })} onOutcome={onOutcome} />
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t('documents.noneProducedYet')}</p>
      )}
      <form
        noValidate
        aria-busy={busy === 'report'}
        onSubmit={(event) => {
          event.preventDefault();
          produce('report');
        }}
      >
        <h3>{t('documents.incidentReport')}</h3>
        {languageSelect('report', t('documents.reportLanguage'), reportLanguage, setReportLanguage)}
        <SubmitButton busy={busy === 'report'}>{t('documents.produceTheIncidentReport')}</SubmitButton>
      </form>
      {incident.decision === 'required' && incident.state === 'open' ? (
        <form
          noValidate
          aria-busy={busy === 'letter'}
          onSubmit={(event) => {
            event.preventDefault();
            produce('letter');
          }}
        >
          <h3>{t('documents.letterToThePatient')}</h3>
          {languageSelect('letter', t('documents.letterLanguage'), letterLanguage, setLetterLanguage)}
          {incident.patientName ? (
            <p>{t('documents.to')} {incident.patientName}</p>
          ) : (
            <TextInput label={t('documents.toThePersonSName')} value={recipient} onValue={setRecipient} error={errors.recipientName} />
          )}
          <TextArea label={t('documents.mailingAddressOptional')} value={address} onValue={setAddress} error={errors.addressLines} hint={t('documents.printedUnderTheNameThe')} />
          <SubmitButton busy={busy === 'letter'}>{t('documents.produceTheLetter')}</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

function Notices({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const [kind, setKind] = useState<NoticeKind>('individual');
  const [on, setOn] = useState(todayHere());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const open = noticeKinds.filter((k) => !incident.notices[k] && (k !== 'media' || incident.clock.deadlines.mediaBy) && (incident.state === 'open' || k === 'hhs'));
  return (
    <section className="card" aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t('notices.noticesGiven')}</h2>
      <ul>
        {noticeKinds.map((k) => (
          <li key={k}>
            {noticeKindLabels[k]}: {incident.notices[k] ? `${formatDay(incident.notices[k]!)}${incident.noticeNotes[k] ? ` (${incident.noticeNotes[k]})` : ''}` : t('notices.notRecorded')}
          </li>
        ))}
      </ul>
      {open.length ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setErrors({});
            setProblem(null);
            api['incidents.recordNotice']({ id: incident.id, kind: open.includes(kind) ? kind : open[0]!, on, note }).then(
              () => onDone(t('notices.recorded')),
              (e: unknown) => {
                setErrors(issuesByPath(e));
                setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
              },
            );
          }}
        >
          <FormAlert problem={problem} />
          <RadioGroup legend={t('notices.noticeTo')} name="notice-kind" choices={open.map((k) => ({ value: k, label: noticeKindLabels[k] }))} value={open.includes(kind) ? kind : open[0]!} onValue={setKind} />
          <TextInput label={t('notices.givenOn')} type="date" value={on} onValue={setOn} error={errors.on} />
          <TextInput label={t('notices.howOptional')} value={note} onValue={setNote} hint={t('notices.forExampleFirstClassMail')} />
          <button type="submit" className="button button-primary">
            {t('notices.recordTheNotice')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function CloseForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const { t } = useTranslation(['program-incidents', 'common']);
  const api = useApi();
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card"
      aria-labelledby="close-heading"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setProblem(null);
        api['incidents.close']({ id: incident.id, outcome })
          .then(
            () => onDone(t('closeForm.closed')),
            (e: unknown) => {
              setErrors(issuesByPath(e));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="close-heading">{t('closeForm.closeTheIncident')}</h2>
      <FormAlert problem={problem} />
      <TextArea label={t('closeForm.outcome')} value={outcome} onValue={setOutcome} error={errors.outcome} hint={t('closeForm.whatWasDoneInA')} />
      <SubmitButton busy={busy}>{t('closeForm.closeTheIncident')}</SubmitButton>
    </form>
  );
}
