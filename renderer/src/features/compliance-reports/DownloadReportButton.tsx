import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { CallInput } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { downloadFile } from '../../components/download-file';
import { messageOf } from '../../components/error-message';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import '../../components/buttons.css';

export interface ReportOutcome {
  message: string;
  tone: 'success' | 'problem';
}

interface DownloadReportButtonProps {
  /** The report's name, for screen readers: "Download PDF (uncovered posts)". */
  name: string;
  request: CallInput<'reports.pdf'>;
  onOutcome: (outcome: ReportOutcome) => void;
}

/** Saves one report as a signed PDF, the way the app saves every file it makes. */
export function DownloadReportButton({ name, request, onOutcome }: DownloadReportButtonProps) {
  const { t } = useTranslation(['compliance-reports', 'common']);
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const shell = useShellCapabilities();

  const download = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (shell?.dialogs === 'native') {
        // The system's Save dialog; nothing happens if it is cancelled.
        const saved = await api['shell.savePdf']({ source: { call: 'reports.pdf', input: request } });
        if (saved) onOutcome({ message: t('downloadReportButton.saved', { name, file: saved.name }), tone: 'success' });
        return;
      }
      const file = await api['reports.pdf'](request);
      downloadFile(file);
      onOutcome({ message: t('downloadReportButton.downloaded', { name, file: file.fileName, sha256: file.sha256 }), tone: 'success' });
    } catch (error) {
      onOutcome({ message: messageOf(error), tone: 'problem' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      className={busy ? 'button button-secondary button-small button-busy' : 'button button-secondary button-small'}
      aria-disabled={busy || undefined}
      onClick={() => void download()}
    >
      {shell?.dialogs === 'native' ? t('downloadReportButton.savePdf') : t('downloadReportButton.downloadPdf')}
      <VisuallyHidden> ({name})</VisuallyHidden>
    </button>
  );
}
