import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { BundleVerification } from '../../../../shared/compliance/audit-bundle';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { StatusMessage } from '../../components/StatusMessage';
import { formatCount } from '../compliance/compliance-format';
import '../../components/buttons.css';
import { i18n } from '../../i18n/i18n';

function checkedText(result: BundleVerification): string {
  const c = result.checked;
  return i18n.t('compliance-export:verifyBundle.checked', { files: formatCount(c.files), signatures: formatCount(c.pdfSignatures), events: formatCount(c.auditEvents) });
}

/**
 * Checks the finished bundle as an auditor would (the same code as
 * `consent-desk verify-bundle`): the manifest's signature, every file,
 * every PDF signature, the audit excerpt. Says it is intact, or lists
 * each problem.
 */
export function VerifyBundle({ exportId }: { exportId: string }) {
  const { t } = useTranslation(['compliance-export', 'common']);
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BundleVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    if (busy) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api['exports.verify']({ id: exportId }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  let message: string | null = null;
  if (busy) message = t('verifyBundle.checking');
  else if (error) message = error;
  else if (result?.ok) message = t('verifyBundle.intact', { checked: checkedText(result) });
  else if (result) message = t('verifyBundle.notIntact', { count: result.failures.length, checked: checkedText(result) });

  return (
    <div className="export-verify" aria-busy={busy}>
      <button
        type="button"
        className={busy ? 'button button-secondary button-busy' : 'button button-secondary'}
        aria-disabled={busy || undefined}
        onClick={() => void verify()}
      >
        {t('verifyBundle.verifyBundle')}
      </button>
      <StatusMessage tone={error || (result && !result.ok) ? 'problem' : result ? 'success' : 'info'}>{message}</StatusMessage>
      {result && !result.ok ? (
        <ul className="compliance-problems" aria-label={t('verifyBundle.problemsFoundInTheBundle')}>
          {result.failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      ) : null}
      {result?.signer ? (
        <p className="compliance-note">
          {t('verifyBundle.signedBy')} {result.signer.subject}{t('verifyBundle.certificateSha256Fingerprint')}{' '}
          <code className="compliance-hash">{result.signer.fingerprintSha256}</code>{t('verifyBundle.giveTheAuditorThisFingerprint')} <code>{t('verifyBundle.consentDeskVerifyBundleFile')}</code>.
        </p>
      ) : null}
    </div>
  );
}
