import { useState, type ReactNode } from 'react';
import type { AuthorizationSummary } from '../../../../shared/authorization/record';
import { useApi } from '../../api/api-context';
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
 * save or print the signed PDF; record a revocation or the expiration event;
 * save the revocation acknowledgment.
 */
export function AuthorizationActions({ authorization: a, layout, onOutcome }: AuthorizationActionsProps) {
  const api = useApi();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const size = layout === 'row' ? ' button-small' : '';
  const which: ReactNode = layout === 'row' ? <VisuallyHidden>{` (${authorizationLabel(a)})`}</VisuallyHidden> : null;
  const final = a.stage === 'final';
  const revoked = a.revokedAt !== null;
  const endsOnEvent = a.terms.expiration.kind === 'event';

  const printForPaper = async () => {
    try {
      const file = await api['consents.paperForm']({ id: a.id });
      // Saved like every PDF for now; the shell's print call can take it from here.
      downloadFile(file);
      onOutcome(
        {
          message: `The form to sign on paper is saved as ${file.fileName}. Print it, have it signed, then record the paper signature with a scan.`,
          tone: 'success',
        },
        true,
      );
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  const save = async (kind: 'authorization' | 'revocation') => {
    try {
      const file = kind === 'authorization' ? await api['consents.pdf']({ id: a.id }) : await api['consents.revocationPdf']({ id: a.id });
      downloadFile(file);
      onOutcome(
        {
          message:
            kind === 'authorization'
              ? `The patient’s copy is saved as ${file.fileName}. Give it to the patient.`
              : `The revocation acknowledgment is saved as ${file.fileName}. Send it to the patient.`,
          tone: 'success',
        },
        false,
      );
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' }, false);
    }
  };

  return (
    <div className="authorization-actions">
      {a.stage === 'draft' ? (
        <>
          <a className={`button button-primary${size}`} href={patientsHref.draft(a.id)}>
            Continue draft{which}
          </a>
          <button type="button" className={`button button-secondary${size}`} onClick={() => void printForPaper()}>
            Print for a paper signature{which}
          </button>
          <button type="button" className={`button button-secondary${size}`} onClick={() => setDialog('paper')}>
            Record a paper signature{which}
          </button>
          <DiscardDraftButton
            draft={a}
            small={layout === 'row'}
            named={layout === 'row'}
            onDiscarded={() => onOutcome({ message: 'The draft is discarded.', tone: 'success' }, true)}
          />
        </>
      ) : null}
      {layout === 'row' && a.stage !== 'draft' ? (
        <a className={`button button-secondary${size}`} href={patientsHref.authorization(a.id)}>
          {a.stage === 'signed' ? 'Open to witness' : 'Open'}
          {which}
        </a>
      ) : null}
      {final ? (
        <>
          <button type="button" className={`button button-secondary${size}`} onClick={() => void save('authorization')}>
            Save patient’s copy{which}
          </button>
          <button type="button" className={`button button-secondary${size}`} onClick={() => setDialog('print')}>
            Print{which}
          </button>
        </>
      ) : null}
      {final && revoked ? (
        <button type="button" className={`button button-secondary${size}`} onClick={() => void save('revocation')}>
          Save revocation acknowledgment{which}
        </button>
      ) : null}
      {final && endsOnEvent && !revoked && a.expirationEventAt === null ? (
        <button type="button" className={`button button-secondary${size}`} onClick={() => setDialog('event')}>
          Record the ending event{which}
        </button>
      ) : null}
      {final && !revoked ? (
        <button type="button" className={`button button-danger${size}`} onClick={() => setDialog('revoke')}>
          Revoke{which}
        </button>
      ) : null}
      {dialog === 'print' ? <PrintDialog onSave={() => void save('authorization')} onClose={() => setDialog(null)} /> : null}
      {dialog === 'paper' ? (
        <PaperSignatureDialog
          authorization={a}
          signerName={a.terms.representative?.name ?? a.patientName ?? ''}
          onClose={() => setDialog(null)}
          onRecorded={() =>
            onOutcome({ message: 'The paper signature is recorded: the authorization is final and its PDF is signed.', tone: 'success' }, true)
          }
        />
      ) : null}
      {dialog === 'revoke' ? (
        <RevokeDialog
          authorization={a}
          onClose={() => setDialog(null)}
          onRevoked={() =>
            onOutcome(
              { message: 'The revocation is recorded and in effect now. Save the acknowledgment and send it to the patient.', tone: 'success' },
              true,
            )
          }
        />
      ) : null}
      {dialog === 'event' ? (
        <ExpirationEventDialog
          authorization={a}
          onClose={() => setDialog(null)}
          onRecorded={() => onOutcome({ message: 'The ending event is recorded: the authorization has expired.', tone: 'success' }, true)}
        />
      ) : null}
    </div>
  );
}
