import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilePayload } from '../../../../shared/authorization/record';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { downloadFile } from '../../components/download-file';
import { messageOf } from '../../components/error-message';
import type { ActionOutcome } from './AuthorizationActions';
import '../../components/buttons.css';

/**
 * Opens the scan of a written revocation as it was received: an image is
 * shown in a dialog (with a way to save it); a PDF, which the app's page
 * cannot display (no plugins), is saved for the PDF reader. Each opening
 * is audited by the backend.
 */
export function RevocationScanButton({ authorizationId, receivedOn, onOutcome }: { authorizationId: string; receivedOn: string; onOutcome: (outcome: ActionOutcome) => void }) {
  const { t } = useTranslation('consents');
  const api = useApi();
  const [shown, setShown] = useState<FilePayload | null>(null);

  const open = async () => {
    try {
      const scan = await api['consents.revocationScan']({ id: authorizationId });
      if (scan.mimeType === 'application/pdf') {
        downloadFile(scan);
        onOutcome({ message: t('revocationScan.savedAs', { name: scan.fileName }), tone: 'success' });
      } else setShown(scan);
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' });
    }
  };

  return (
    <>
      <button type="button" className="button button-secondary button-small" onClick={() => void open()}>
        {t('revocationScan.viewTheScan')}
      </button>
      {shown ? (
        <Dialog title={t('revocationScan.scanOfTheWrittenRevocation')} onClose={() => setShown(null)}>
          {(close) => (
            <>
              <ScanImage scan={shown} alt={t('revocationScan.imageAlt', { day: receivedOn })} />
              <p className="muted">{t('revocationScan.sha256', { sha256: shown.sha256 })}</p>
              <div className="dialog-actions">
                <button type="button" className="button button-secondary" onClick={() => downloadFile(shown)}>
                  {t('revocationScan.saveACopy')}
                </button>
                <button type="button" className="button button-primary" onClick={close}>
                  {t('revocationScan.close')}
                </button>
              </div>
            </>
          )}
        </Dialog>
      ) : null}
    </>
  );
}

/** The image as a data: URL (allowed by the page's policy for images): nothing to release when the dialog closes. */
function ScanImage({ scan, alt }: { scan: FilePayload; alt: string }) {
  return <img className="revocation-scan-image" src={`data:${scan.mimeType};base64,${scan.base64}`} alt={alt} />;
}
