import { currentLanguage } from '../../i18n/i18n';
import { useTranslation } from 'react-i18next';
import { formResolver } from '../../components/form-resolver';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import type { AuthorizationDetail } from '../../../../shared/authorization/record';
import {
  authorityLabels,
  channelLabels,
  channels,
  contentKindLabels,
  contentKinds,
  languages,
  purposeLabels,
  purposes,
  representativeAuthorities,
  type AuthorizationTerms,
} from '../../../../shared/authorization/scope';

import { useApi } from '../../api/api-context';
import { reportCallError, type FormProblem } from '../../components/call-error';
import { CheckboxField } from '../../components/CheckboxField';
import { ChoiceGroupField } from '../../components/ChoiceGroupField';
import { FormAlert } from '../../components/FormAlert';
import { FormField } from '../../components/FormField';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useAppState } from '../session/app-state-context';
import { formatTime } from '../../i18n/format';
import { practiceToday } from '../session/practice-time-zone';
import {
  authorizationFormSchema,
  formFieldOf,
  formWithPreset,
  type AuthorizationFormField,
  type AuthorizationFormValues,
} from './authorization-form-schema';
import { DocumentView } from './DocumentView';
import { FreeTextLanguageNotice, type FreeTextEntry } from './FreeTextLanguageNotice';
import { OtherEntriesField } from './OtherEntriesField';
import { ProblemList, type ListedProblem } from './ProblemList';
import { useLivePreview } from './use-live-preview';
import '../../components/buttons.css';
import { useUnsavedChangesWarning } from '../../components/use-unsaved-changes';
import { PresetChooser } from './PresetChooser';
import './authorization-editor.css';
import { i18n } from '../../i18n/i18n';
import { languageText } from './authorization-text';

const choicesOf = <T extends string>(codes: readonly T[], labels: Record<T, string>) => codes.map((value) => ({ value, label: labels[value] }));

const languageChoices = () => languages.map((language) => ({ value: language, label: languageText({ language }) }));
const expirationChoices = () => [
  { value: 'date', label: i18n.t('consents:authorizationEditor.expiresOnADate') },
  { value: 'event', label: i18n.t('consents:authorizationEditor.expiresOnAnEvent') },
];

/** The backend names issues by the terms' paths (`terms.expiration.date`); the form has its own fields. */
const fieldOfIssue = Object.fromEntries(
  [
    'scope.contentKinds',
    'scope.channels',
    'scope.purposes',
    'expiration.date',
    'expiration.event',
    'remuneration.payer',
    'representative.name',
    'representative.authority',
    'representative.authorityDetail',
    'minorSignsAlone.reason',
  ].flatMap((path) => {
    const field = formFieldOf(path);
    return field ? [[path, field], [`terms.${path}`, field]] : [];
  }),
) as Partial<Record<string, AuthorizationFormField>>;

/** What the coordinator typed that the document prints as typed. */
function freeTextEntries(values: AuthorizationFormValues): FreeTextEntry[] {
  return [
    ...(values.otherChannels ?? []).map((e, i) => ({ where: i18n.t('consents:authorizationEditor.otherChannelNumber', { number: i + 1 }), text: e?.text ?? '', kind: 'otherChannel' as const })),
    ...(values.otherPurposes ?? []).map((e, i) => ({ where: i18n.t('consents:authorizationEditor.otherPurposeNumber', { number: i + 1 }), text: e?.text ?? '', kind: 'otherPurpose' as const })),
    ...(values.expirationKind === 'event' ? [{ where: i18n.t('consents:authorizationEditor.theEventThatEndsIt'), text: values.expirationEvent ?? '', kind: 'event' as const }] : []),
    ...(values.signsForPatient ? [{ where: i18n.t('consents:authorizationEditor.authorityDetails'), text: values.authorityDetail ?? '', kind: 'authorityDetail' as const }] : []),
  ];
}

interface AuthorizationEditorProps {
  patientId: string;
  /** The draft being continued; null for a new authorization (created on the first save). */
  draftId: string | null;
  /** The draft's version as read: a save over a change made elsewhere since is refused (conflict). */
  draftRowVersion: number | null;
  defaultValues: AuthorizationFormValues;
  onCreated: (draft: AuthorizationDetail) => void;
  /** After each save of an existing draft, with what it saved (the view's Discard button follows its version). */
  onSaved?: (draft: AuthorizationDetail) => void;
}

/**
 * The scope, expiration, payment and representative of an authorization,
 * with a live preview of the document beside it and the list of what is
 * missing. Saves a draft; hands the screen to the patient once complete.
 */
export function AuthorizationEditor({ patientId, draftId: initialDraftId, draftRowVersion, defaultValues, onCreated, onSaved }: AuthorizationEditorProps) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const { applyState } = useAppState();
  const reasonId = useId();
  const [draftId, setDraftId] = useState(initialDraftId);
  // Follows this editor's own saves; a change from elsewhere is not taken in, so saving over it is a conflict.
  const [readVersion, setReadVersion] = useState(draftRowVersion);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [handingOver, setHandingOver] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    getValues,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<AuthorizationFormValues, unknown, AuthorizationTerms>({
    resolver: formResolver(authorizationFormSchema),
    defaultValues,
  });

  const values = useWatch({ control }) as AuthorizationFormValues;
  // What was last saved (or loaded): anything else on screen is an unsaved change.
  const [savedValues, setSavedValues] = useState(() => JSON.stringify(defaultValues));
  useUnsavedChangesWarning(
    JSON.stringify(values) !== savedValues,
    t('authorizationEditor.unsavedChangesQuestion'),
  );
  const parsed = useMemo(() => authorizationFormSchema.safeParse(values), [values]);
  const preview = useLivePreview(patientId, parsed.success ? parsed.data : null);

  const fix = (field: FieldPath<AuthorizationFormValues> | null) => (field ? () => setFocus(field) : null);
  // What the form itself cannot accept (a half-typed date) comes first; then what the backend says is missing.
  const listed: ListedProblem[] = parsed.success
    ? preview.problems.map((p) => ({ message: p.message, onFix: fix(formFieldOf(p.path)) }))
    : parsed.error.issues.map((issue) => ({
        message: issue.message,
        onFix: fix(formFieldOf(issue.path.join('.')) ?? (issue.path.join('.') as FieldPath<AuthorizationFormValues>)),
      }));
  const ready = listed.length === 0 && !preview.updating && preview.error === null;
  const reason = ready
    ? t('authorizationEditor.readyToHandOver')
    : listed.length
      ? t('authorizationEditor.notReadyToHandOverSeeList')
      : t('authorizationEditor.checkingLatestChanges');

  async function persist(terms: AuthorizationTerms): Promise<AuthorizationDetail> {
    if (draftId) {
      const updated = await api['consents.updateDraft']({ id: draftId, terms, rowVersion: readVersion ?? undefined });
      setReadVersion(updated.rowVersion);
      onSaved?.(updated);
      return updated;
    }
    const created = await api['consents.createDraft']({ patientId, terms });
    setReadVersion(created.rowVersion);
    setDraftId(created.id);
    onCreated(created);
    return created;
  }

  const onSave = handleSubmit(async (terms) => {
    setProblem(null);
    setSaved(null);
    const shown = JSON.stringify(values);
    try {
      const draft = await persist(terms);
      setSavedValues(shown);
      setSaved(
        draft.problems.length
          ? t('authorizationEditor.draftSavedIncomplete', { time: formatTime(new Date()) })
          : t('authorizationEditor.draftSavedReady', { time: formatTime(new Date()) }),
      );
    } catch (error) {
      setProblem(reportCallError(error, setError, fieldOfIssue));
    }
  });

  const onHandOver = handleSubmit(async (terms) => {
    setProblem(null);
    setSaved(null);
    setHandingOver(true);
    const shown = JSON.stringify(values);
    try {
      const draft = await persist(terms);
      setSavedValues(shown);
      if (draft.problems.length) {
        setProblem({ message: t('authorizationEditor.notReadyToHandOver', { problems: draft.problems.map((p) => p.message).join(' ') }), focus: true });
        return;
      }
      applyState(await api['consents.startPatientMode']({ id: draft.id }));
    } catch (error) {
      setProblem(reportCallError(error, setError, fieldOfIssue));
    } finally {
      setHandingOver(false);
    }
  });

  const language = values.language === 'es' ? 'es' : 'en';

  return (
    <div className="editor-layout">
      <form className="card editor-form" aria-label={t('authorizationEditor.authorizationTerms')} noValidate aria-busy={isSubmitting} onSubmit={(event) => void onSave(event)}>
        <FormAlert problem={problem} />
        <PresetChooser onApply={(preset) => reset(formWithPreset(getValues(), preset, practiceToday()), { keepDefaultValues: true })} />
        <ChoiceGroupField
          legend={t('authorizationEditor.languageOfTheAuthorization')}
          type="radio"
          choices={languageChoices()}
          hint={t('authorizationEditor.thePatientReadsAndSigns')}
          registration={register('language')}
          error={errors.language?.message}
        />
        <ChoiceGroupField
          legend={t('authorizationEditor.whatInformationMayBeUsed')}
          type="checkbox"
          columns
          choices={choicesOf(contentKinds, contentKindLabels[currentLanguage()])}
          hint={t('authorizationEditor.tickEveryKindOfContent')}
          registration={register('contentKinds')}
          error={errors.contentKinds?.message}
        />
        {values.contentKinds?.includes('health_condition') ? (
          <OtherEntriesField
            name="conditions"
            legend={t('authorizationEditor.whichConditionsOrTreatmentsOptional')}
            hint={t('authorizationEditor.nameThemSuchAsKnee')}
            itemLabel={t('authorizationEditor.conditionItem')}
            addLabel={t('authorizationEditor.addCondition')}
            max={10}
            control={control}
            register={register}
            errors={errors}
          />
        ) : null}
        <ChoiceGroupField
          legend={t('authorizationEditor.whereItMayAppear')}
          type="checkbox"
          columns
          choices={choicesOf(channels, channelLabels[currentLanguage()])}
          registration={register('channels')}
          error={errors.channels?.message}
        />
        <OtherEntriesField
          name="otherChannels"
          legend={t('authorizationEditor.otherPlacesOptional')}
          hint={t('authorizationEditor.forAPlaceNotIn')}
          itemLabel={t('authorizationEditor.otherPlaceItem')}
          addLabel={t('authorizationEditor.addOtherPlace')}
          max={10}
          control={control}
          register={register}
          errors={errors}
        />
        <ChoiceGroupField
          legend={t('authorizationEditor.whyItWillBeUsed')}
          type="checkbox"
          choices={choicesOf(purposes, purposeLabels[currentLanguage()])}
          registration={register('purposes')}
          error={errors.purposes?.message}
        />
        <OtherEntriesField
          name="otherPurposes"
          legend={t('authorizationEditor.otherPurposesOptional')}
          hint={t('authorizationEditor.inPlainWordsAsThe')}
          itemLabel={t('authorizationEditor.otherPurposeItem')}
          addLabel={t('authorizationEditor.addOtherPurpose')}
          max={5}
          control={control}
          register={register}
          errors={errors}
        />
        <ChoiceGroupField
          legend={t('authorizationEditor.whenTheAuthorizationEnds')}
          type="radio"
          choices={expirationChoices()}
          registration={register('expirationKind')}
          error={errors.expirationKind?.message}
        />
        {values.expirationKind === 'event' ? (
          <FormField
            label={t('authorizationEditor.theEventThatEndsIt')}
            autoComplete="off"
            hint={t('authorizationEditor.inWordsThePatientUnderstands')}
            registration={register('expirationEvent')}
            error={errors.expirationEvent?.message}
          />
        ) : (
          <FormField
            label={t('authorizationEditor.endDate')}
            type="date"
            className="editor-date"
            hint={t('authorizationEditor.itMayBeReliedOn')}
            registration={register('expirationDate')}
            error={errors.expirationDate?.message}
          />
        )}
        <CheckboxField label={t('authorizationEditor.aThirdPartyPaysThe')} {...register('thirdPartyPays')} />
        {values.thirdPartyPays ? (
          <FormField
            label={t('authorizationEditor.whoPays')}
            autoComplete="off"
            hint={t('authorizationEditor.theAuthorizationMustSaySo')}
            registration={register('payer')}
            error={errors.payer?.message}
          />
        ) : null}
        <CheckboxField label={t('authorizationEditor.someoneSignsForThePatient')} {...register('signsForPatient')} />
        {values.signsForPatient ? (
          <div className="editor-representative">
            <FormField
              label={t('authorizationEditor.representativeSFullName')}
              autoComplete="off"
              hint={t('authorizationEditor.theyTypeThisNameWhen')}
              registration={register('representativeName')}
              error={errors.representativeName?.message}
            />
            <SelectField label={t('authorizationEditor.theirAuthorityToActFor')} registration={register('authority')} error={errors.authority?.message}>
              <option value="">{t('authorizationEditor.chooseTheAuthority')}</option>
              {representativeAuthorities.map((authority) => (
                <option key={authority} value={authority}>
                  {authorityLabels[currentLanguage()][authority]}
                </option>
              ))}
            </SelectField>
            <FormField
              label={values.authority === 'other' ? t('authorizationEditor.describeTheAuthority') : t('authorizationEditor.detailsOfTheAuthorityOptional')}
              autoComplete="off"
              hint={t('authorizationEditor.suchAsACourtOrder')}
              registration={register('authorityDetail')}
              error={errors.authorityDetail?.message}
            />
          </div>
        ) : (
          <>
            <CheckboxField label={t('authorizationEditor.thePatientIsAMinor')} {...register('minorSignsAlone')} />
            {values.minorSignsAlone ? (
              <FormField
                label={t('authorizationEditor.whyThisMinorMaySign')}
                autoComplete="off"
                hint={t('authorizationEditor.recordedWithYourNameSuch')}
                registration={register('minorSignsAloneReason')}
                error={errors.minorSignsAloneReason?.message}
              />
            ) : null}
          </>
        )}
        <div className="form-actions editor-actions">
          <SubmitButton busy={isSubmitting && !handingOver}>{t('authorizationEditor.saveDraft')}</SubmitButton>
          <button
            type="button"
            className={`button button-primary${handingOver ? ' button-busy' : ''}`}
            aria-disabled={!ready || isSubmitting || undefined}
            aria-describedby={reasonId}
            onClick={(event) => {
              if (!ready || isSubmitting) return;
              void onHandOver(event);
            }}
          >
            {t('authorizationEditor.handTheScreenToThe')}
          </button>
        </div>
        <p id={reasonId} className={ready ? 'editor-reason' : 'editor-reason editor-reason-blocked'}>
          {reason}
        </p>
        <StatusMessage tone="success">{saved}</StatusMessage>
      </form>
      <section className="editor-preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t('authorizationEditor.previewWhatThePatientWill')}</h2>
        <ProblemList problems={listed} updating={preview.updating} />
        <FreeTextLanguageNotice language={language} entries={freeTextEntries(values)} />
        <StatusMessage tone="problem">{preview.error}</StatusMessage>
        <div className="preview-scroll card" tabIndex={0} role="region" aria-label={language === 'es' ? t('authorizationEditor.previewInSpanish') : t('authorizationEditor.previewInEnglish')} aria-busy={preview.updating}>
          {preview.document ? <DocumentView document={preview.document} titleLevel={3} size="compact" /> : <p>{t('authorizationEditor.preparingThePreview')}</p>}
        </div>
      </section>
    </div>
  );
}
