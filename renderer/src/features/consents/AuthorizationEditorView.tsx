import { useTranslation } from 'react-i18next';
import { useCallback, useState } from 'react';
import type { AuthorizationDetail } from '../../../../shared/authorization/record';
import { practiceToday } from '../session/practice-time-zone';
import { patientName } from '../../../../shared/patients';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useLoaded } from '../../components/use-loaded';
import { goToPatients, patientsHref } from '../patients/patients-route';
import { AuthorizationEditor } from './AuthorizationEditor';
import { formOfTerms, newAuthorizationForm } from './authorization-form-schema';
import { DiscardDraftButton } from './DiscardDraftButton';

interface EditorTarget {
  patientId: string;
  name: string;
  draft: AuthorizationDetail | null;
}

/** "New authorization" for a patient, or a saved draft continued. */
export function AuthorizationEditorView({
  patientId,
  draftId,
  onCreated,
}: {
  patientId: string | null;
  draftId: string | null;
  onCreated: (draft: AuthorizationDetail) => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const load = useCallback(async (): Promise<EditorTarget> => {
    if (draftId) {
      const draft = await api['consents.get']({ id: draftId });
      return { patientId: draft.patientId, name: draft.patientName, draft };
    }
    const patient = await api['patients.get']({ id: patientId ?? '' });
    return { patientId: patient.id, name: patientName(patient), draft: null };
    // Only the first load matters: a draft created here keeps its form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  const { value: target, error } = useLoaded(load);
  // The draft's version after this screen's own saves: discarding it names that version, not the one loaded.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  if (error) {
    return (
      <>
        <PageHeading>{t('authorizationEditorView.authorization')}</PageHeading>
        <StatusMessage tone="problem">{error}</StatusMessage>
        <a href={patientsHref.search()}>{t('authorizationEditorView.backToPatients')}</a>
      </>
    );
  }
  if (!target) return <p aria-busy="true">{t('authorizationEditorView.loading')}</p>;

  const { draft } = target;
  if (draft && draft.stage !== 'draft') {
    return (
      <>
        <PageHeading>{t('authorizationEditorView.thisAuthorizationIsSigned')}</PageHeading>
        <p>{t('authorizationEditorView.thePatientHasSignedIt')}</p>
        <p>
          <a href={patientsHref.authorization(draft.id)}>{t('authorizationEditorView.openTheAuthorization')}</a>
        </p>
      </>
    );
  }

  const today = practiceToday();
  return (
    <>
      <a className="back-link" href={patientsHref.patient(target.patientId)}>
        {t('authorizationEditorView.backToRecord', { name: target.name })}
      </a>
      <PageHeading>{t(draft ? 'authorizationEditorView.draftHeading' : 'authorizationEditorView.newHeading', { name: target.name })}</PageHeading>
      <p className="lead">
        {t('authorizationEditorView.chooseWhatThePracticeMay')}
      </p>
      {draft ? (
        <div className="page-actions">
          <DiscardDraftButton
            draft={{ ...draft, rowVersion: savedVersion ?? draft.rowVersion }}
            onDiscarded={() => goToPatients(patientsHref.patient(draft.patientId))}
          />
        </div>
      ) : null}
      <AuthorizationEditor
        patientId={target.patientId}
        draftId={draft?.id ?? null}
        draftRowVersion={draft?.rowVersion ?? null}
        defaultValues={draft ? formOfTerms(draft.terms, today) : newAuthorizationForm(today)}
        onCreated={onCreated}
        onSaved={(saved) => setSavedVersion(saved.rowVersion)}
      />
    </>
  );
}
