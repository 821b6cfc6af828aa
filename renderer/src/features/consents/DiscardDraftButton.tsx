import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { AuthorizationSummary } from '../../../../shared/authorization/record';
import { useApi } from '../../api/api-context';
import type { FormProblem } from '../../components/call-error';
import { Dialog } from '../../components/Dialog';
import { messageOf } from '../../components/error-message';
import { FormAlert } from '../../components/FormAlert';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { authorizationLabel } from './authorization-text';
import '../../components/buttons.css';

/**
 * Delete a draft that was never signed, after asking. With the version the
 * screen shows (a detail has it, a list's summary does not), a draft
 * changed since elsewhere is not deleted: the backend answers `conflict`.
 */
export function DiscardDraftButton({
  draft,
  small = false,
  named = false,
  onDiscarded,
}: {
  draft: AuthorizationSummary & { rowVersion?: number };
  small?: boolean;
  /** In a list: the button names which authorization it discards. */
  named?: boolean;
  onDiscarded: () => void;
}) {
  const { t } = useTranslation(['consents', 'common']);
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  return (
    <>
      <button type="button" className={`button button-secondary${small ? ' button-small' : ''}`} onClick={() => setOpen(true)}>
        {t('discardDraftButton.discardDraft')}{named ? <VisuallyHidden>{` (${authorizationLabel(draft)})`}</VisuallyHidden> : null}
      </button>
      {open ? (
        <Dialog title={t('discardDraftButton.discardThisDraft')} onClose={() => setOpen(false)}>
          {(close) => (
            <>
              <FormAlert problem={problem} />
              <p className="dialog-note">{t('discardDraftButton.thePatientHasNotSigned')}</p>
              <div className="dialog-actions">
                <button type="button" className="button button-secondary" onClick={close}>
                  {t('discardDraftButton.keepTheDraft')}
                </button>
                <button
                  type="button"
                  className={`button button-danger${busy ? ' button-busy' : ''}`}
                  aria-disabled={busy || undefined}
                  onClick={() => {
                    if (busy) return;
                    setBusy(true);
                    setProblem(null);
                    api['consents.discardDraft']({ id: draft.id, rowVersion: draft.rowVersion }).then(
                      () => {
                        close();
                        onDiscarded();
                      },
                      (error: unknown) => {
                        setBusy(false);
                        setProblem({ message: messageOf(error), focus: true });
                      },
                    );
                  }}
                >
                  {t('discardDraftButton.discardDraft')}
                </button>
              </div>
            </>
          )}
        </Dialog>
      ) : null}
    </>
  );
}
