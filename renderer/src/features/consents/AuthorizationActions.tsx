import { useTranslation } from 'react-i18next';
import { useState, type ReactNode } from 'react';
import type { AuthorizationSummary } from '../../../../shared/authorization/record';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { downloadFile } from '../../components/download-file';
import { messageOf } from '../../components/error-message';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { patientsHref } from '../patients/patients-route';
import { authorizationLabel } from './authorization-text';
import { DiscardDraftButton } from './DiscardDraftButton';
import { ExpirationEventDialog } from './ExpirationEventDialog';
import { PaperSignatureDialog } from './PaperSignatureDialog';
import { PrintDialog } from './PrintDialog';
import { RevokeDialog } from './RevokeDialog';
import '../../components/buttons.css';
import './consents.css';

export interface ActionOutcome {
  message: string;
  tone: 'success' | 'problem';
}

interface AuthorizationActionsProps {
  authorization: AuthorizationSummary & { patientName?: string };
  /** `row`: small buttons in the patient's list, each naming its authorization; `page`: the authorization's own page. */
  layout: 'row' | 'page';
  /** Something changed or happened: say it, and reload what is shown. */
  onOutcome: (outcome: ActionOutcome, changed: boolean) => void;
}

type OpenDialog = 'revoke' | 'event' | 'print' | 'paper' | null;

/**
 * What can be done with an authorization in its state: continue a draft;
 * save or print the signed PDF (the patient's copy, recorded as given);
 * record that the patient declined a copy; record a revocation or the
 * expiration event; save the revocation acknowledgment. In the desktop app
 * saving opens the system's Save dialog and Print the print dialog; in a
 * browser the PDF downloads.
 */
export function AuthorizationActions({ authorization: a, layout, onOutcome }: AuthorizationActionsProps) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [savedPath, setSavedPath] = useState<string | null>(null);
  const shell = useShellCapabilities();
  const native = shell?.dialogs === 'native';
  const size = layout === 'row' ? ' button-small' : '';
  const which: ReactNode = layout === 'row' ? <VisuallyHidden>{` (${authorizationLabel(a)})`}</VisuallyHidden> : null;
  const final = a.stage === 'final';
  const revoked = a.revokedAt !== null;
  const endsOnEvent = a.terms.expiration.kind === 'event';

  const source = (kind: 'authorization' | 'revocation') =>
    kind === 'authorization' ? ({ call: 'consents.pdf', input: { id: a.id } } as const) : ({ call: 'consents.revocationPdf', input: { id: a.id } } as const);

  const printForPaper = async () => {
    try {
      if (shell?.canPrint) {
        const outcome = await api['shell.printPdf']({ source: { call: 'consents.paperForm', input: { id: a.id } } });
        if (!outcome.printed) {
          onOutcome({ message: outcome.reason ?? t('authorizationActions.outcome.nothingPrinted'), tone: 'problem' }, false);
          return;
        }
        onOutcome({ message: t('authorizationActions.outcome.paperFormPrinted'), tone: 'success' }, true);
        return;
      }
      const file = await api['consents.paperForm']({ id: a.id });
      downloadFile(file);
      onOutcome({ message: t('authorizationActions.outcome.paperFormSaved', { name: file.fileName }), tone: 'success' }, true);
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  const save = async (kind: 'authorization' | 'revocation') => {
    try {
      let name: string;
      if (native) {
        const saved = await api['shell.savePdf']({ source: source(kind) });
        if (!saved) return; // The Save dialog was cancelled.
        name = saved.name;
        setSavedPath(saved.path);
      } else {
        const file = kind === 'authorization' ? await api['consents.pdf']({ id: a.id }) : await api['consents.revocationPdf']({ id: a.id });
        downloadFile(file);
        name = file.fileName;
      }
      if (kind === 'authorization') await api['consents.recordPatientCopy']({ id: a.id, method: 'saved' });
      onOutcome(
        {
          message:
            kind === 'authorization'
              ? t('authorizationActions.outcome.copySaved', { name })
              : t('authorizationActions.outcome.acknowledgmentSaved', { name }),
          tone: 'success',
        },
        kind === 'authorization',
      );
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  const print = async () => {
    try {
      const outcome = await api['shell.printPdf']({ source: source('authorization') });
      if (!outcome.printed) {
        onOutcome({ message: outcome.reason ?? t('authorizationActions.outcome.nothingPrinted'), tone: 'problem' }, false);
        return;
      }
      await api['consents.recordPatientCopy']({ id: a.id, method: 'printed' });
      onOutcome({ message: t('authorizationActions.outcome.copyPrinted'), tone: 'success' }, true);
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  const declined = async () => {
    try {
      await api['consents.recordPatientCopy']({ id: a.id, method: 'declined' });
      onOutcome({ message: t('authorizationActions.outcome.copyDeclined'), tone: 'success' }, true);
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  const showInFolder = async () => {
    if (!savedPath) return;
    try {
      await api['shell.showInFolder']({ path: savedPath });
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  return (
    <div className="authorization-actions">
      {a.stage === 'draft' ? (
        <>
          <a className={`button button-primary${size}`} href={patientsHref.draft(a.id)}>
            {t('authorizationActions.continueDraft')}{which}
          </a>
          <button type="button" className={`button button-secondary${size}`} onClick={() => void printForPaper()}>
            {t('authorizationActions.printForAPaperSignature')}{which}
          </button>
          <button type="button" className={`button button-secondary${size}`} onClick={() => setDialog('paper')}>
            {t('authorizationActions.recordAPaperSignature')}{which}
          </button>
          <DiscardDraftButton
            draft={a}
            small={layout === 'row'}
            named={layout === 'row'}
            onDiscarded={() => onOutcome({ message: t('authorizationActions.outcome.draftDiscarded'), tone: 'success' }, true)}
          />
        </>
      ) : null}
      {layout === 'row' && a.stage !== 'draft' ? (
        <a className={`button button-secondary${size}`} href={patientsHref.authorization(a.id)}>
          {a.stage === 'signed' ? t('authorizationActions.openToWitness') : t('authorizationActions.open')}
          {which}
        </a>
      ) : null}
      {final ? (
        <>
          <button type="button" className={`button button-secondary${size}`} onClick={() => void save('authorization')}>
            {t('authorizationActions.savePatientSCopy')}{which}
          </button>
          <button type="button" className={`button button-secondary${size}`} onClick={() => (shell?.canPrint ? void print() : setDialog('print'))}>
            {t('authorizationActions.print')}{which}
          </button>
          {layout === 'page' ? (
            <button type="button" className={`button button-secondary${size}`} onClick={() => void declined()}>
              {t('authorizationActions.patientDeclinedACopy')}
            </button>
          ) : null}
          {savedPath ? (
            <button type="button" className={`button button-secondary${size}`} onClick={() => void showInFolder()}>
              {t('authorizationActions.showInFolder')}{which}
            </button>
          ) : null}
        </>
      ) : null}
      {final && revoked ? (
        <button type="button" className={`button button-secondary${size}`} onClick={() => void save('revocation')}>
          {t('authorizationActions.saveRevocationAcknowledgment')}{which}
        </button>
      ) : null}
      {final && endsOnEvent && !revoked && a.expirationEventAt === null ? (
        <button type="button" className={`button button-secondary${size}`} onClick={() => setDialog('event')}>
          {t('authorizationActions.recordTheEndingEvent')}{which}
        </button>
      ) : null}
      {final && !revoked ? (
        <button type="button" className={`button button-danger${size}`} onClick={() => setDialog('revoke')}>
          {t('authorizationActions.revoke')}{which}
        </button>
      ) : null}
      {dialog === 'print' ? <PrintDialog onSave={() => void save('authorization')} onClose={() => setDialog(null)} /> : null}
      {dialog === 'paper' ? (
        <PaperSignatureDialog
          authorization={a}
          signerName={a.terms.representative?.name ?? a.patientName ?? ''}
          onClose={() => setDialog(null)}
          onRecorded={() =>
            onOutcome({ message: t('authorizationActions.outcome.paperSignatureRecorded'), tone: 'success' }, true)
          }
        />
      ) : null}
      {dialog === 'revoke' ? (
        <RevokeDialog
          authorization={a}
          onClose={() => setDialog(null)}
          onRevoked={() =>
            onOutcome(
              { message: t('authorizationActions.outcome.revocationRecorded'), tone: 'success' },
              true,
            )
          }
        />
      ) : null}
      {dialog === 'event' ? (
        <ExpirationEventDialog
          authorization={a}
          onClose={() => setDialog(null)}
          onRecorded={() => onOutcome({ message: t('authorizationActions.outcome.endingEventRecorded'), tone: 'success' }, true)}
        />
      ) : null}
    </div>
  );
}
