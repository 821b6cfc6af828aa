import { useCallback, useId, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { formatDay } from '../../../../shared/calendar';
import { patientLanguages } from '../../../../shared/patient-language';
import { channelName } from '../../../../shared/posts/coverage';
import {
  assessmentProblems,
  emptyAssessment,
  incidentTriggerLabels,
  noticeKindLabels,
  noticeKinds,
  phiKindLabels,
  phiKinds,
  phiKindsOfContent,
  sensitivities,
  sensitivityLabels,
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

type Outcome = { message: string; tone: 'success' | 'problem' };

/** One incident: what happened and its clock, the four-factor assessment, the decision, the signed report and letter, the notices, and closing it. */
export function IncidentDetail({ id }: { id: string }) {
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
          <a href="#/incidents">All incidents</a>
        </p>
        <PageHeading>Incident</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">Loading the incident…</p>}
      </>
    );
  }
  const d = incident.clock.deadlines;
  const open = incident.state === 'open';
  return (
    <>
      <p className="back-link">
        <a href="#/incidents">All incidents</a>
      </p>
      <PageHeading>Incident: {incidentTriggerLabels[incident.trigger]}</PageHeading>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      {incident.clock.overdue.length ? (
        <div className="compliance-warning" role="alert">
          <strong>Past its deadline:</strong> {incident.clock.overdue.join(' ')}
        </div>
      ) : null}
      <section className="card" aria-labelledby="incident-summary-heading">
        <h2 id="incident-summary-heading">What happened</h2>
        <p>{incident.summary}</p>
        <dl className="incident-facts">
          <dt>State</dt>
          <dd>{open ? 'Open' : `Closed ${incident.closedAt ? showDayOf(incident.closedAt) : ''} by ${incident.closedByName ?? ''}`}</dd>
          <dt>Opened</dt>
          <dd>
            {showInstant(incident.openedAt)} by {incident.openedByName}
          </dd>
          <dt>Discovered on</dt>
          <dd>
            {formatDay(incident.discoveredOn, 'en')} ({incident.discoveryNote})
          </dd>
          <dt>Notice to the patient by</dt>
          <dd>
            {formatDay(d.individualBy, 'en')}
            {open ? ` (${incident.clock.daysLeft} days left)` : ''}
          </dd>
          <dt>Media notice by</dt>
          <dd>{d.mediaBy ? formatDay(d.mediaBy, 'en') : 'Not needed (fewer than 500 residents of a state)'}</dd>
          <dt>HHS notice by</dt>
          <dd>{d.hhsYearly ? `${formatDay(d.hhsBy, 'en')}, in the yearly log of breaches of fewer than 500 people` : formatDay(d.hhsBy, 'en')}</dd>
          {incident.patientName ? (
            <>
              <dt>Patient</dt>
              <dd>{incident.patientName}</dd>
            </>
          ) : null}
          {incident.post ? (
            <>
              <dt>Post</dt>
              <dd>
                {incident.post.testimonialTitle} on {channelName(incident.post.channel)}
                {incident.post.publishedAt ? `, published ${formatDay(incident.post.publishedAt, 'en')}` : ''}
                {incident.post.publishedUrl ? ` (${incident.post.publishedUrl})` : ''};{' '}
                {incident.post.takenDownAt ? `taken down ${showDayOf(incident.post.takenDownAt)}` : 'not taken down yet'}
              </dd>
            </>
          ) : null}
          {incident.reply ? (
            <>
              <dt>Posted reply</dt>
              <dd>
                “{incident.reply.text}” on {channelName(incident.reply.channel)}
                {incident.reply.url ? ` (${incident.reply.url})` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        {incident.clock.toDo.length ? (
          <>
            <h3>Still to do</h3>
            <ul className="incident-todo">
              {incident.clock.toDo.map((t) => (
                <li key={t}>{t}</li>
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
          <h2 id="decision-heading">Decision</h2>
          <p>
            <strong>{incident.decision === 'required' ? 'Notification required.' : 'Notification not required.'}</strong> {incident.decisionRationale} ({incident.affectedCount} affected;
            decided by {incident.decidedByName} {incident.decidedAt ? showDayOf(incident.decidedAt) : ''})
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
  const api = useApi();
  const [day, setDay] = useState(incident.discoveredOn);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  return (
    <details>
      <summary>It was known earlier than {formatDay(incident.discoveredOn, 'en')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setErrors({});
          setProblem(null);
          api['incidents.correctDiscovery']({ id: incident.id, discoveredOn: day, reason }).then(
            (i) => onDone(`The discovery day is now ${formatDay(i.discoveredOn, 'en')}; the notice is due by ${formatDay(i.clock.deadlines.individualBy, 'en')}.`),
            (e: unknown) => {
              setErrors(issuesByPath(e));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          );
        }}
      >
        <FormAlert problem={problem} />
        <TextInput label="Known since" type="date" value={day} onValue={setDay} error={errors.discoveredOn} />
        <TextArea label="How it was known then" value={reason} onValue={setReason} error={errors.reason} />
        <button type="submit" className="button button-secondary">
          Set the earlier day
        </button>
      </form>
    </details>
  );
}

const viewedChoices = [
  { value: 'yes', label: 'Yes: it was viewed, shared or copied' },
  { value: 'no', label: 'No: nobody saw it (for example, removed before it was shown)' },
  { value: 'unknown', label: 'Unknown' },
] as const;
const probabilityChoices = [
  { value: 'not_low', label: 'Not shown to be low: notification is required' },
  { value: 'low', label: 'Low, as the four factors show: notification may not be required' },
] as const;

/** The four factors of 164.402(2); saved as it is filled in, and fixed once the decision is recorded. */
function AssessmentForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
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
            (i) => onDone(i.assessment && assessmentProblems(i.assessment).length === 0 ? 'The assessment is complete. Record the decision below.' : 'The assessment is saved; finish it before deciding.'),
            (e: unknown) => setProblem({ message: messageOf(e), focus: true }),
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="assessment-heading">Risk assessment (45 CFR 164.402(2))</h2>
      <p className="field-hint">
        An impermissible disclosure is presumed a breach unless these four factors show a low probability that the information was compromised.
        {incident.assessedAt ? ` Last saved ${showInstant(incident.assessedAt)} by ${incident.assessedByName}.` : ''}
      </p>
      <FormAlert problem={problem} />
      <fieldset disabled={fixed}>
        <legend className="visually-hidden">The four factors</legend>
        <fieldset className="incident-factor">
          <legend>1. Nature and extent of the information</legend>
          <div className="choice-group-options choice-group-columns" role="group" aria-label="Information involved">
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
          <RadioGroup legend="How sensitive is it?" name="sensitivity" choices={sensitivities.map((s) => ({ value: s, label: sensitivityLabels[s] }))} value={a.sensitivity} onValue={(v) => set('sensitivity', v)} />
          <TextArea label="Notes on the information (optional)" value={a.natureNotes} onValue={(v) => set('natureNotes', v)} />
        </fieldset>
        <fieldset className="incident-factor">
          <legend>2. Who received it</legend>
          <TextArea label="Who could see it" value={a.recipients} onValue={(v) => set('recipients', v)} hint="For example: the public on the practice’s Facebook page (about 1,400 followers)." />
        </fieldset>
        <fieldset className="incident-factor">
          <legend>3. Whether it was actually acquired or viewed</legend>
          <RadioGroup legend="Was it viewed or copied?" name="viewed" choices={viewedChoices} value={a.viewed} onValue={(v) => set('viewed', v)} />
          <TextArea label="Evidence" value={a.viewedEvidence} onValue={(v) => set('viewedEvidence', v)} hint="Views, reactions, shares, comments, or why it is unknown." />
        </fieldset>
        <fieldset className="incident-factor">
          <legend>4. How far the risk was mitigated</legend>
          <TextArea
            label="Take-down"
            value={a.takedownNotes}
            onValue={(v) => set('takedownNotes', v)}
            hint={incident.post?.takenDownAt ? `Consent Desk recorded the take-down on ${showInstant(incident.post.takenDownAt)}.` : 'Record the take-down on the post once it is done.'}
          />
          <RemovalRequests value={a.removalRequests} onChange={(v) => set('removalRequests', v)} />
          <TextArea label="Other mitigation (optional)" value={a.otherMitigation} onValue={(v) => set('otherMitigation', v)} />
        </fieldset>
        <RadioGroup legend="Conclusion: the probability that the information was compromised is" name="probability" choices={probabilityChoices} value={a.probability} onValue={(v) => set('probability', v)} />
      </fieldset>
      {!fixed ? (
        <>
          <p role="status" className="field-hint">
            {missing.length ? `To complete: ${missing.map((m) => m.message).join(' ')}` : 'Every factor is answered.'}
          </p>
          <SubmitButton busy={busy}>Save the assessment</SubmitButton>
        </>
      ) : null}
    </form>
  );
}

function RemovalRequests({ value, onChange }: { value: Assessment['removalRequests']; onChange: (v: Assessment['removalRequests']) => void }) {
  return (
    <fieldset className="choice-group">
      <legend className="choice-group-legend">Requests to the platform to remove copies</legend>
      {value.map((r, i) => (
        <div key={i} className="review-removed">
          <TextInput label="Platform" value={r.platform} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, platform: v } : x)))} />
          <TextInput label="Requested on" type="date" value={r.requestedOn} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, requestedOn: v } : x)))} />
          <TextInput label="Reference (optional)" value={r.reference} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, reference: v } : x)))} />
          <TextInput label="Outcome (optional)" value={r.outcome} onValue={(v) => onChange(value.map((x, j) => (j === i ? { ...x, outcome: v } : x)))} />
          <button type="button" className="button button-secondary button-small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove this request<span className="visually-hidden"> ({i + 1})</span>
          </button>
        </div>
      ))}
      <button type="button" className="button button-secondary button-small" onClick={() => onChange([...value, { platform: '', requestedOn: todayHere(), reference: '', outcome: '' }])}>
        Add a removal request
      </button>
    </fieldset>
  );
}

function DecisionForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const api = useApi();
  const [decision, setDecision] = useState<NotificationDecision | null>(incident.assessment?.probability === 'low' ? null : 'required');
  const [rationale, setRationale] = useState('');
  const [affected, setAffected] = useState('1');
  const [largest, setLargest] = useState('1');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const choices = [
    { value: 'required' as const, label: 'Notification is required: the patient gets a letter' },
    ...(incident.assessment?.probability === 'low' ? [{ value: 'not_required' as const, label: 'Notification is not required: the assessment shows a low probability of compromise' }] : []),
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
          setErrors({ decision: 'Choose whether notification is required.' });
          return;
        }
        setBusy(true);
        setErrors({});
        setProblem(null);
        api['incidents.decide']({ id: incident.id, decision: { decision, rationale, affectedCount: Number(affected), largestStateCount: Number(largest) } })
          .then(
            (i) => onDone(i.decision === 'required' ? 'Notification is required. Produce the letter and send it.' : 'Recorded: notification not required. Produce the report and close the incident.'),
            (e: unknown) => {
              setErrors(issuesByPath(e, 'decision.'));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="decide-heading">Decide on notification</h2>
      <FormAlert problem={problem} />
      <RadioGroup legend="Decision" name="decision" choices={choices} value={decision} onValue={setDecision} error={errors.decision} />
      <TextArea label="Why" value={rationale} onValue={setRationale} error={errors.rationale} />
      <TextInput label="People affected" type="number" min={1} inputMode="numeric" value={affected} onValue={setAffected} error={errors.affectedCount} />
      <TextInput
        label="Most residents of any one state"
        type="number"
        min={0}
        inputMode="numeric"
        value={largest}
        onValue={setLargest}
        error={errors.largestStateCount}
        hint="500 or more residents of a state also need notice to the media; 500 or more people in all, notice to HHS within 60 days."
      />
      <SubmitButton busy={busy}>Record the decision</SubmitButton>
    </form>
  );
}

function Documents({ incident, onDone, onOutcome }: { incident: Incident; onDone: (message: string) => void; onOutcome: (o: Outcome) => void }) {
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
        () => onDone(kind === 'report' ? 'The incident report is produced and signed. Save it below.' : 'The letter is produced and signed. Save or print it below, send it, then record the day it went out.'),
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
            {patientLanguages[l].englishName}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="card" aria-labelledby="documents-heading">
      <h2 id="documents-heading">Signed documents</h2>
      <FormAlert problem={problem} />
      {incident.documents.length ? (
        <ul className="incident-documents">
          {incident.documents.map((doc) => {
            const what = `${doc.kind === 'report' ? 'incident report' : 'notification letter'} in ${patientLanguages[doc.language as Language]?.englishName ?? doc.language}, ${showInstant(doc.createdAt)}`;
            return (
              <li key={doc.id}>
                {what[0]!.toUpperCase() + what.slice(1)} (by {doc.createdByName}){' '}
                <SavePdfButton source={{ call: 'incidents.document', input: { id: doc.id } }} what={what} fetchPdf={() => api['incidents.document']({ id: doc.id })} onOutcome={onOutcome} />
              </li>
            );
          })}
        </ul>
      ) : (
        <p>None produced yet.</p>
      )}
      <form
        noValidate
        aria-busy={busy === 'report'}
        onSubmit={(event) => {
          event.preventDefault();
          produce('report');
        }}
      >
        <h3>Incident report</h3>
        {languageSelect('report', 'Language of the report', reportLanguage, setReportLanguage)}
        <SubmitButton busy={busy === 'report'}>Produce the incident report</SubmitButton>
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
          <h3>Letter to the patient</h3>
          {languageSelect('letter', 'Language of the letter', letterLanguage, setLetterLanguage)}
          {incident.patientName ? (
            <p>To: {incident.patientName}</p>
          ) : (
            <TextInput label="To (the person’s name)" value={recipient} onValue={setRecipient} error={errors.recipientName} />
          )}
          <TextArea label="Mailing address (optional)" value={address} onValue={setAddress} error={errors.addressLines} hint="Printed under the name; the letter goes by first-class mail, or by email if the patient agreed to that." />
          <SubmitButton busy={busy === 'letter'}>Produce the letter</SubmitButton>
        </form>
      ) : null}
    </section>
  );
}

function Notices({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
  const api = useApi();
  const [kind, setKind] = useState<NoticeKind>('individual');
  const [on, setOn] = useState(todayHere());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const open = noticeKinds.filter((k) => !incident.notices[k] && (k !== 'media' || incident.clock.deadlines.mediaBy) && (incident.state === 'open' || k === 'hhs'));
  return (
    <section className="card" aria-labelledby="notices-heading">
      <h2 id="notices-heading">Notices given</h2>
      <ul>
        {noticeKinds.map((k) => (
          <li key={k}>
            {noticeKindLabels[k]}: {incident.notices[k] ? `${formatDay(incident.notices[k]!, 'en')}${incident.noticeNotes[k] ? ` (${incident.noticeNotes[k]})` : ''}` : 'not recorded'}
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
              () => onDone(`The notice is recorded.`),
              (e: unknown) => {
                setErrors(issuesByPath(e));
                setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
              },
            );
          }}
        >
          <FormAlert problem={problem} />
          <RadioGroup legend="Notice to" name="notice-kind" choices={open.map((k) => ({ value: k, label: noticeKindLabels[k] }))} value={open.includes(kind) ? kind : open[0]!} onValue={setKind} />
          <TextInput label="Given on" type="date" value={on} onValue={setOn} error={errors.on} />
          <TextInput label="How (optional)" value={note} onValue={setNote} hint="For example “first-class mail” or “HHS breach portal”." />
          <button type="submit" className="button button-primary">
            Record the notice
          </button>
        </form>
      ) : null}
    </section>
  );
}

function CloseForm({ incident, onDone }: { incident: Incident; onDone: (message: string) => void }) {
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
            () => onDone('The incident is closed. Its record no longer changes (the yearly HHS log can still be recorded).'),
            (e: unknown) => {
              setErrors(issuesByPath(e));
              setProblem({ message: messageOf(e), focus: Object.keys(issuesByPath(e)).length === 0 });
            },
          )
          .finally(() => setBusy(false));
      }}
    >
      <h2 id="close-heading">Close the incident</h2>
      <FormAlert problem={problem} />
      <TextArea label="Outcome" value={outcome} onValue={setOutcome} error={errors.outcome} hint="What was done, in a sentence or two: for the file and an auditor." />
      <SubmitButton busy={busy}>Close the incident</SubmitButton>
    </form>
  );
}
