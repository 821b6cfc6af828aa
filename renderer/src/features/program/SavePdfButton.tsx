import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { FilePayload } from '../../../../shared/authorization/record';
import type { PdfSource } from '../../../../shared/contract/shell-calls';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { downloadFile } from '../../components/download-file';
import { messageOf } from '../../components/error-message';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import '../../components/buttons.css';

/**
 * Saves a signed PDF the backend makes, the way the app saves every file:
 * the system's Save dialog in the desktop app (the shell asks the backend
 * for the PDF itself), a download in a browser.
 */
export function SavePdfButton({
  source,
  what,
  fetchPdf,
  onOutcome,
}: {
  source: PdfSource;
  /** For the button's accessible name and the message: "incident report (English)". */
  what: string;
  /** The same PDF through the contract, for the browser's download. */
  fetchPdf: () => Promise<FilePayload>;
  onOutcome: (outcome: { message: string; tone: 'success' | 'problem' }) => void;
}) {
  const { t } = useTranslation(['program', 'common']);
  const api = useApi();
  const shell = useShellCapabilities();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (shell?.dialogs === 'native') {
        const saved = await api['shell.savePdf']({ source });
        if (saved) onOutcome({ message: t('savePdfButton.saved', { what, file: saved.name }), tone: 'success' });
        return;
      }
      const file = await fetchPdf();
      downloadFile(file);
      onOutcome({ message: t('savePdfButton.downloaded', { what, file: file.fileName, sha256: file.sha256 }), tone: 'success' });
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className={busy ? 'button button-secondary button-small button-busy' : 'button button-secondary button-small'} aria-disabled={busy || undefined} onClick={() => void save()}>
      {shell?.dialogs === 'native' ? t('savePdfButton.savePdf') : t('savePdfButton.downloadPdf')}
      <VisuallyHidden> ({what})</VisuallyHidden>
    </button>
  );
}
