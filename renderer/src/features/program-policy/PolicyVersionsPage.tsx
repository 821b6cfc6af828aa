import { languageName, roleLabel } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useMemo, useState } from 'react';
import { languages, type Language } from '../../../../shared/authorization/scope';
import { formatDay } from '../../i18n/format';
import { policySectionKeys } from '../../../../shared/program-language';
import { acknowledgmentStateLabels } from '../../../../shared/program/acknowledgment';
import { policyProblems, sectionNames, type PolicyVersionText } from '../../../../shared/program/policy';
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
  const { t } = useTranslation(['program-policy', 'common']);
  const api = useApi();
  const load = useCallback(() => api['policy.admin']({}), [api]);
  const { value, error, reload } = useLoaded(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (!value) {
    return (
      <>
        <PageHeading>{t('policyVersionsPage.policyVersions')}</PageHeading>
        {error ? <StatusMessage tone="problem">{error}</StatusMessage> : <p aria-busy="true">{t('policyVersionsPage.loadingThePolicy')}</p>}
      </>
    );
  }
  const inForce = value.versions[0] ?? null;
  return (
    <>
      <PageHeading>{t('policyVersionsPage.policyVersions')}</PageHeading>
      <p className="lead">
        {t('policyVersionsPage.thePracticeSSocialMedia')}
      </p>
      <StatusMessage tone={outcome?.tone ?? 'success'}>{outcome?.message}</StatusMessage>
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('policyVersionsPage.publishedVersions')}</h2>
        {value.versions.length === 0 ? (
          <p>{t('policyVersionsPage.noneYetEditTheDraft')}</p>
        ) : (
          <TableScroll label={t('policyVersionsPage.publishedVersionsNewestFirst')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('policyVersionsPage.version')}</th>
                  <th scope="col">{t('policyVersionsPage.published')}</th>
                  <th scope="col">{t('policyVersionsPage.by')}</th>
                  <th scope="col">{t('policyVersionsPage.state')}</th>
                  <th scope="col">{t('policyVersionsPage.pdf')}</th>
                </tr>
              </thead>
              <tbody>
                {value.versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.version}</td>
                    <td>{formatDay(v.publishedOn)}</td>
                    <td>{v.publishedByName}</td>
                    <td>{v === inForce ? t('policyVersionsPage.inForce') : t('policyVersionsPage.earlierVersionKept')}</td>
                    <td className="row-actions">
                      {languages.map((l) => (
                        <SavePdfButton
                          key={l}
                          source={{ call: 'policy.pdf', input: { versionId: v.id, language: l } }}
                          what={t('policyVersionsPage.versionInLanguage', { version: v.version, language: languageName(l) })}
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
          setOutcome({ message: t('policyVersionsPage.publishedNow', { version }), tone: 'success' });
          reload();
        }}
      />
    </>
  );
}

function Acknowledgments({ staff }: { staff: PolicyAdmin['staff'] }) {
  const { t } = useTranslation(['program-policy', 'common']);
  return (
    <section className="card" aria-labelledby="acks-heading">
      <h2 id="acks-heading">{t('acknowledgments.acknowledgmentsOfTheVersionIn')}</h2>
      <TableScroll label={t('acknowledgments.acknowledgments')}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('acknowledgments.staffMember')}</th>
              <th scope="col">{t('acknowledgments.role')}</th>
              <th scope="col">{t('acknowledgments.acknowledgment')}</th>
              <th scope="col">{t('acknowledgments.confirmed')}</th>
              <th scope="col">{t('acknowledgments.renewBy')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.staffId}>
                <th scope="row">{s.displayName}</th>
                <td>{roleLabel(s.role)}</td>
                <td>{acknowledgmentStateLabels[s.acknowledgment.state]}</td>
                <td>{s.acknowledgment.acknowledgedOn ? formatDay(s.acknowledgment.acknowledgedOn) : '—'}</td>
                <td>{s.acknowledgment.renewBy ? formatDay(s.acknowledgment.renewBy) : '—'}</td>
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
  const { t } = useTranslation(['program-policy', 'common']);
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
  const text = draft[language];
  const name = languageName(language);
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
        setSaved(t('policyEditor.draftSaved', { name: kept.updatedByName }));
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
      <h2 id="policy-draft-heading">{t('policyEditor.draftOfVersion')} {next}</h2>
      <p className="field-hint">{t('policyEditor.practice')} {t('policyEditor.readsAsThePracticeS')}</p>
      <StatusMessage tone="info">{saved}</StatusMessage>
      <FormAlert problem={problem} />
      <div className={problems.length ? 'problem-list problem-list-open' : 'problem-list problem-list-done'}>
        <p role="status" className="problem-list-summary">
          {problems.length === 0 ? t('policyEditor.completeInEveryLanguageIt') : t('policyEditor.partsMissing', { count: problems.length })}
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
        <legend className="visually-hidden">{t('policyEditor.languageOfTheDraft')}</legend>
        {languages.map((l) => (
          <label key={l}>
            <input type="radio" name="policy-draft-language" checked={language === l} onChange={() => setLanguage(l)} /> {languageName(l)}
          </label>
        ))}
      </fieldset>
      <div lang={language}>
        <TextInput label={t('policyEditor.titleIn', { language: name })} value={text.title} onValue={(v) => set((x) => (x.title = v))} error={errorAt('title')} />
        <TextArea label={t('policyEditor.introIn', { language: name })} rows={3} value={text.intro} onValue={(v) => set((x) => (x.intro = v))} error={errorAt('intro')} />
        {policySectionKeys.map((key) => (
          <fieldset key={key} className="policy-editor-section">
            <legend>{sectionNames[key]}</legend>
            <TextInput label={t('policyEditor.headingIn', { language: name })} value={text.sections[key].heading} onValue={(v) => set((x) => (x.sections[key].heading = v))} error={errorAt(`sections.${key}.heading`)} />
            <TextArea label={t('policyEditor.textIn', { language: name })} rows={4} value={text.sections[key].body} onValue={(v) => set((x) => (x.sections[key].body = v))} error={errorAt(`sections.${key}.body`)} />
          </fieldset>
        ))}
        <TextArea label={t('policyEditor.dosIn', { language: name })} rows={7} value={lines(text.dos)} onValue={(v) => set((x) => (x.dos = rulesOf(v)))} error={errorAt('dos')} />
        <TextArea label={t('policyEditor.dontsIn', { language: name })} rows={7} value={lines(text.donts)} onValue={(v) => set((x) => (x.donts = rulesOf(v)))} error={errorAt('donts')} />
      </div>
      <div className="form-actions">
        <SubmitButton busy={busy === 'publish'}>{t('policyEditor.publishVersion')} {next}</SubmitButton>
        <button type="button" className="button button-secondary" aria-disabled={busy !== null || undefined} onClick={() => busy === null && void run('save')}>
          {t('policyEditor.saveTheDraft')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setDraft(structuredClone(admin.builtIn));
            setSaved(t('policyEditor.startedAgain'));
          }}
        >
          {t('policyEditor.startFromTheBuiltIn')}
        </button>
      </div>
    </form>
  );
}
