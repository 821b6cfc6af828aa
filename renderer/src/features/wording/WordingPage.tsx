import { languageName } from '../../i18n/labels';
import { useTranslation } from 'react-i18next';
import { useCallback, useId, useMemo, useState } from 'react';
import { languageNames, languages, type Language } from '../../../../shared/authorization/scope';
import type { AuthorizationTemplate, TemplateText } from '../../../../shared/authorization/template';
import { wordingProblems } from '../../../../shared/authorization/template-rules';
import { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { messageOf } from '../../components/error-message';
import { FieldMessages, describedByOf } from '../../components/FieldMessages';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useLoaded } from '../../components/use-loaded';
import { dayOfInstant } from '../consents/authorization-text';
import { DocumentView } from '../consents/DocumentView';
import { sampleDocument } from './sample-document';
import { valueAt, withValue, wordingFields } from './wording-fields';
import { WordingDiff } from './WordingDiff';
import '../../components/buttons.css';
import '../../components/table.css';
import './wording.css';

/**
 * The privacy officer's Wording page: the versions of the authorization's
 * wording per language, a draft editor starting from the version in force,
 * a live preview with a sample patient, what the draft changes, and
 * Publish, which the backend refuses (naming the element) while a required
 * statement or core-element placeholder is missing. Published versions
 * never change; a new one applies to authorizations prepared from then on.
 */
export function WordingPage() {
  const { t } = useTranslation(['wording', 'common']);
  const api = useApi();
  const load = useCallback(async () => {
    const [templates, settings] = await Promise.all([api['templates.list']({}), api['settings.get']({})]);
    return { templates, settings };
  }, [api]);
  const { value, error, reload } = useLoaded(load);
  const [language, setLanguage] = useState<Language>('en');
  const [published, setPublished] = useState<string | null>(null);
  const languageGroup = useId();

  if (error && !value) {
    return (
      <>
        <PageHeading>{t('wordingPage.wording')}</PageHeading>
        <StatusMessage tone="problem">{error}</StatusMessage>
      </>
    );
  }
  if (!value) return <p aria-busy="true">{t('wordingPage.loadingTheWording')}</p>;

  const versions = value.templates.filter((t) => t.language === language);
  const inForce = versions.find((t) => t.active)!;
  return (
    <>
      <PageHeading>{t('wordingPage.wording')}</PageHeading>
      <p className="lead">
        {t('wordingPage.theTextOfTheMarketing')}
      </p>
      <fieldset className="wording-language">
        <legend id={languageGroup}>{t('wordingPage.language')}</legend>
        {languages.map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="wording-language"
              value={l}
              checked={language === l}
              onChange={() => {
                setLanguage(l);
                setPublished(null);
              }}
            />{' '}
            {languageName(l)}
            {languageName(l) === languageNames[l] ? '' : ` (${languageNames[l]})`}
          </label>
        ))}
      </fieldset>
      <StatusMessage tone="success">{published}</StatusMessage>
      <section className="card" aria-labelledby="wording-versions-heading">
        <h2 id="wording-versions-heading">{languageName(language)} {t('wordingPage.versions')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('wordingPage.version')}</th>
              <th scope="col">{t('wordingPage.published')}</th>
              <th scope="col">{t('wordingPage.state')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>{v.version}</td>
                <td>{dayOfInstant(v.createdAt)}</td>
                <td>{v.active ? t('wordingPage.inForce') : t('wordingPage.earlierVersionKeptForWhat')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <WordingEditor
        key={`${language}-${inForce.id}`}
        language={language}
        inForce={inForce}
        practice={value.settings}
        onPublished={(template) => {
          setPublished(
            `${languageName(template.language)} version ${template.version} is published and in force. New authorizations use it.`,
          );
          reload();
        }}
      />
    </>
  );
}

function WordingEditor({
  language,
  inForce,
  practice,
  onPublished,
}: {
  language: Language;
  inForce: AuthorizationTemplate;
  practice: { practiceName: string; practiceAddress: string; practiceEmail: string };
  onPublished: (template: AuthorizationTemplate) => void;
}) {
  const { t } = useTranslation(['wording', 'common']);
  const api = useApi();
  const idBase = useId();
  const [draft, setDraft] = useState<TemplateText>(inForce.text);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [refusedPaths, setRefusedPaths] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const problems = useMemo(() => wordingProblems(language, draft), [language, draft]);
  const preview = useMemo(() => sampleDocument(language, draft, practice), [language, draft, practice]);
  const fieldId = (path: string) => `${idBase}-${path.replace('.', '-')}`;
  const name = languageName(language);

  const publish = async () => {
    setProblem(null);
    setRefusedPaths({});
    setBusy(true);
    try {
      onPublished(await api['templates.publish']({ language, text: draft }));
    } catch (error) {
      const issues = error instanceof AppError ? (error.issues ?? []) : [];
      setRefusedPaths(Object.fromEntries(issues.map((i) => [i.path.replace(/^text\./, ''), i.message])));
      setProblem({ message: messageOf(error), focus: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="wording-editor">
      <form
        className="card wording-form"
        aria-labelledby={`${idBase}-heading`}
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
      >
        <h2 id={`${idBase}-heading`}>
          {t('wordingEditor.draftOf')} {name} {t('wordingEditor.version')} {inForce.version + 1}
        </h2>
        <p className="field-hint">
          {t('wordingEditor.placeholdersInDoubleBracesAre')} {'{{practice}}'}, {'{{information}}'} {t('wordingEditor.theListOfWhatMay')} {'{{lastDay}}'} {t('wordingEditor.theLastDayInEffect')}
        </p>
        <FormAlert problem={problem} />
        <div className={problems.length ? 'problem-list problem-list-open' : 'problem-list problem-list-done'}>
          <p role="status" className="problem-list-summary">
            {problems.length === 0
              ? t('wordingEditor.completeEveryRequiredStatementAnd')
              : t('wordingEditor.partsMissing', { count: problems.length })}
          </p>
          {problems.length ? (
            <ul>
              {problems.map((p, i) => (
                <li key={`${i}-${p.path}`}>
                  <button type="button" className="button-link" onClick={() => document.getElementById(fieldId(p.path))?.focus()}>
                    {p.message}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {wordingFields.map((field) => {
          const id = fieldId(field.path);
          const error = refusedPaths[field.path];
          const common = {
            id,
            className: 'field-input',
            lang: language,
            value: valueAt(draft, field.path),
            'aria-invalid': error ? true : undefined,
            'aria-describedby': describedByOf(id, undefined, error),
            onChange: (event: { target: { value: string } }) => setDraft((d) => withValue(d, field.path, event.target.value)),
          } as const;
          return (
            <div className="field" key={field.path}>
              <label htmlFor={id} className="field-label">
                {t(`fields.${field.path}` as 'fields.title')}
              </label>
              <FieldMessages id={id} error={error} />
              {field.heading ? <input type="text" {...common} /> : <textarea rows={4} {...common} />}
            </div>
          );
        })}
        <div className="form-actions">
          <SubmitButton busy={busy}>{t('wordingEditor.publish')} {name} {t('wordingEditor.version')} {inForce.version + 1}</SubmitButton>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(inForce.text);
              setProblem(null);
              setRefusedPaths({});
            }}
          >
            {t('wordingEditor.startAgainFromVersion')} {inForce.version}
          </button>
        </div>
      </form>
      <div className="wording-side">
        <section className="card" aria-labelledby={`${idBase}-diff`}>
          <h2 id={`${idBase}-diff`}>{t('wordingEditor.changesFromVersion')} {inForce.version}</h2>
          <WordingDiff inForce={inForce.text} draft={draft} />
        </section>
        <section className="card" aria-labelledby={`${idBase}-preview`}>
          <h2 id={`${idBase}-preview`}>{t('wordingEditor.previewWithASamplePatient')}</h2>
          <p className="field-hint">{t('wordingEditor.samSampleSignedForBy')}</p>
          <DocumentView document={preview} titleLevel={3} size="compact" />
        </section>
      </div>
    </div>
  );
}
