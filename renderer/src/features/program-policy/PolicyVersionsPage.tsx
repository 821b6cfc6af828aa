import { useCallback, useMemo, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { formatDay } from '../../../../shared/calendar';
import { patientLanguages } from '../../../../shared/patient-language';
import { policySectionKeys } from '../../../../shared/program-language';
import { acknowledgmentStateLabels } from '../../../../shared/program/acknowledgment';
import { policyProblems, sectionNames, type PolicyVersionText } from '../../../../shared/program/policy';
import { roleLabels } from '../../../../shared/roles';
import type { PolicyAdmin } from '../../../../shared/contract/program-calls';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { TableScroll } from '../../components/TableScroll';
import { useLoaded } from '../../components/use-loaded';
import { issuesByPath, TextArea, TextInput } from '../program/ControlledFields';
import { SavePdfButton } from '../program/SavePdfButton';
import { showDayOf } from '../compliance/compliance-format';
import '../../components/buttons.css';
import '../../components/table.css';
import '../consents/authorization-editor.css';
import './policy.css';

type Outcome = { message: string; tone: 'success' | 'problem' };

/**
 * The privacy officer's page: the published versions of the social-media
 * policy (each kept, as a signed PDF in both languages), who has
 * acknowledged the one in force, and the draft of the next version,
 * which starts from the version in force (or the built-in policy) and is
 * kept as it is typed. Publishing is refused while a topic or the Do's and
 * don'ts lists are missing in a language.
 */
export function PolicyVersionsPage() {
  const api = useApi();
  const load = useCallback(() => api['policy.admin']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (!value) {
    return (
      <>
        <PageHeading>Policy versions</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">Loading the policy…</p>}
      </>
    );
  }
  const inForce = value.versions[0] ?? null;
  return (
    <>
      <PageHeading>Policy versions</PageHeading>
      <p className="lead">
        The practice’s social-media policy. Each published version is kept; everyone acknowledges the version in force at their next sign-in, and again each
        year. Marketing cannot approve or publish posts until they have.
      </p>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Published versions</h2>
        {value.versions.length === 0 ? (
          <p>None yet. Edit the draft below, starting from the built-in policy, and publish it.</p>
        ) : (
          <TableScroll label="Published versions, newest first">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Published</th>
                  <th scope="col">By</th>
                  <th scope="col">State</th>
                  <th scope="col">PDF</th>
                </tr>
              </thead>
              <tbody>
                {value.versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.version}</td>
                    <td>{formatDay(v.publishedOn, 'en')}</td>
                    <td>{v.publishedByName}</td>
                    <td>{v === inForce ? 'In force' : 'Earlier version (kept)'}</td>
                    <td className="row-actions">
                      {languages.map((l) => (
                        <SavePdfButton
                          key={l}
                          source={{ call: 'policy.pdf', input: { versionId: v.id, language: l } }}
                          what={`policy version ${v.version} in ${patientLanguages[l].englishName}`}
                          fetchPdf={() => api['policy.pdf']({ versionId: v.id, language: l })}
                          onOutcome={setOutcome}
                        />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <Acknowledgments staff={value.staff} />
      <PolicyEditor
        key={`${inForce?.id ?? 'none'}`}
        admin={value}
        onPublished={(version) => {
          setOutcome({ message: `Version ${version} is published and in force. Everyone is asked to acknowledge it at their next sign-in.`, tone: 'success' });
          reload();
        }}
      />
    </>
  );
}

function Acknowledgments({ staff }: { staff: PolicyAdmin['staff'] }) {
  return (
    <section className="card" aria-labelledby="acks-heading">
      <h2 id="acks-heading">Acknowledgments of the version in force</h2>
      <TableScroll label="Acknowledgments">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Staff member</th>
              <th scope="col">Role</th>
              <th scope="col">Acknowledgment</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Renew by</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.staffId}>
                <th scope="row">{s.displayName}</th>
                <td>{roleLabels[s.role]}</td>
                <td>{acknowledgmentStateLabels[s.acknowledgment.state]}</td>
                <td>{s.acknowledgment.acknowledgedOn ? formatDay(s.acknowledgment.acknowledgedOn, 'en') : '—'}</td>
                <td>{s.acknowledgment.renewBy ? formatDay(s.acknowledgment.renewBy, 'en') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

const lines = (rules: string[]) => rules.join('\n');
const rulesOf = (text: string) => text.split('\n').map((l) => l.trim());

function PolicyEditor({ admin, onPublished }: { admin: PolicyAdmin; onPublished: (version: number) => void }) {
  const api = useApi();
  const start = admin.draft?.text ?? admin.versions[0]?.text ?? admin.builtIn;
  const [draft, setDraft] = useState<PolicyVersionText>(structuredClone(start));
  const [language, setLanguage] = useState<Language>('en');
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [saved, setSaved] = useState<string | null>(admin.draft ? `Draft kept from ${showDayOf(admin.draft.updatedAt)} (${admin.draft.updatedByName}).` : null);
  const problems = useMemo(() => policyProblems(draft), [draft]);
  const next = (admin.versions[0]?.version ?? 0) + 1;
  const t = draft[language];
  const name = patientLanguages[language].englishName;
  const set = (change: (text: PolicyVersionText[Language]) => void) =>
    setDraft((d) => {
      const copy = structuredClone(d);
      change(copy[language]);
      return copy;
    });
  const errorAt = (path: string) => refused[`${language}.${path}`];

  const run = async (what: 'save' | 'publish') => {
    setProblem(null);
    setRefused({});
    setBusy(what);
    try {
      if (what === 'save') {
        const kept = await api['policy.saveDraft']({ text: draft });
        setSaved(`Draft saved (${kept.updatedByName}).`);
      } else {
        onPublished((await api['policy.publish']({ text: draft })).version);
      }
    } catch (error) {
      setRefused(issuesByPath(error, 'text.'));
      setProblem({ message: messageOf(error), focus: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="card"
      aria-labelledby="policy-draft-heading"
      noValidate
      aria-busy={busy !== null}
      onSubmit={(event) => {
        event.preventDefault();
        void run('publish');
      }}
    >
      <h2 id="policy-draft-heading">Draft of version {next}</h2>
      <p className="field-hint">{'{practice}'} reads as the practice’s name. Write both languages: staff may read either, and the Do’s and don’ts page shows them.</p>
      <StatusMessage tone="info">{saved}</StatusMessage>
      <FormAlert problem={problem} />
      <div className={problems.length ? 'problem-list problem-list-open' : 'problem-list problem-list-done'}>
        <p role="status" className="problem-list-summary">
          {problems.length === 0 ? 'Complete in every language: it can be published.' : `${problems.length} part(s) missing; it cannot be published yet:`}
        </p>
        {problems.length ? (
          <ul>
            {problems.slice(0, 12).map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <fieldset className="policy-languages">
        <legend className="visually-hidden">Language of the draft</legend>
        {languages.map((l) => (
          <label key={l}>
            <input type="radio" name="policy-draft-language" checked={language === l} onChange={() => setLanguage(l)} /> {patientLanguages[l].englishName}
          </label>
        ))}
      </fieldset>
      <div lang={language}>
        <TextInput label={`Title (${name})`} value={t.title} onValue={(v) => set((x) => (x.title = v))} error={errorAt('title')} />
        <TextArea label={`Introduction (${name})`} rows={3} value={t.intro} onValue={(v) => set((x) => (x.intro = v))} error={errorAt('intro')} />
        {policySectionKeys.map((key) => (
          <fieldset key={key} className="policy-editor-section">
            <legend>{sectionNames[key]}</legend>
            <TextInput label={`Heading (${name})`} value={t.sections[key].heading} onValue={(v) => set((x) => (x.sections[key].heading = v))} error={errorAt(`sections.${key}.heading`)} />
            <TextArea label={`Text (${name})`} rows={4} value={t.sections[key].body} onValue={(v) => set((x) => (x.sections[key].body = v))} error={errorAt(`sections.${key}.body`)} />
          </fieldset>
        ))}
        <TextArea label={`Do (${name}), one rule per line`} rows={7} value={lines(t.dos)} onValue={(v) => set((x) => (x.dos = rulesOf(v)))} error={errorAt('dos')} />
        <TextArea label={`Don’t (${name}), one rule per line`} rows={7} value={lines(t.donts)} onValue={(v) => set((x) => (x.donts = rulesOf(v)))} error={errorAt('donts')} />
      </div>
      <div className="form-actions">
        <SubmitButton busy={busy === 'publish'}>Publish version {next}</SubmitButton>
        <button type="button" className="button button-secondary" aria-disabled={busy !== null || undefined} onClick={() => busy === null && void run('save')}>
          Save the draft
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft(structuredClone(admin.builtIn));
            setSaved('Started again from the built-in policy (not saved yet).');
          }}
        >
          Start from the built-in policy
        </button>
      </div>
    </form>
  );
}
