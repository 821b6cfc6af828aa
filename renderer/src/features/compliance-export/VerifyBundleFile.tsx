import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import type { BundleVerification } from '../../../../shared/compliance/audit-bundle';
import { useApi } from '../../api/api-context';
import { useShellCapabilities } from '../../api/use-shell-capabilities';
import { messageOf } from '../../components/error-message';
import { StatusMessage } from '../../components/StatusMessage';
import '../../components/buttons.css';
import '../../components/form-field.css';

/**
 * Check a bundle from a file, such as one an auditor sent back: chosen with
 * the system's Open dialog in the desktop app, typed as a full path in the
 * development host (which has no dialogs).
 */
export function VerifyBundleFile() {
  const { t } = useTranslation(['compliance-export', 'common']);
  const api = useApi();
  const shell = useShellCapabilities();
  const fieldId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: 'success' | 'problem' | 'info' } | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  if (!shell) return null;

  const check = async () => {
    if (busy) return;
    setBusy(true);
    setFailures([]);
    setMessage(null);
    try {
      const chosen = await api['shell.choosePath'](shell.dialogs === 'native' ? { purpose: 'bundleToVerify' } : { purpose: 'bundleToVerify', typedPath: typed.trim() });
      if (!chosen) return;
      setMessage({ text: t('verifyBundleFile.checking', { file: chosen.name }), tone: 'info' });
      const result: BundleVerification = await api['exports.verify']({ filePath: chosen.path });
      setFailures(result.ok ? [] : result.failures);
      setMessage(
        result.ok
          ? { text: t('verifyBundleFile.intact', { file: chosen.name }), tone: 'success' }
          : { text: t('verifyBundleFile.notIntact', { file: chosen.name, count: result.failures.length }), tone: 'problem' },
      );
    } catch (error) {
      setMessage({ text: messageOf(error), tone: 'problem' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card compliance-section" aria-labelledby={`${fieldId}-heading`} aria-busy={busy}>
      <h2 id={`${fieldId}-heading`}>{t('verifyBundleFile.checkABundleFromA')}</h2>
      <p>{t('verifyBundleFile.forABundleAnAuditor')} <code>{t('verifyBundleFile.consentDeskVerifyBundle')}</code>.</p>
      {shell.dialogs === 'typed-path' ? (
        <div className="form-field">
          <label htmlFor={fieldId}>{t('verifyBundleFile.bundleFileFullPath')}</label>
          <input id={fieldId} type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className={busy ? 'button button-secondary button-busy' : 'button button-secondary'} aria-disabled={busy || undefined} onClick={() => void check()}>
          {shell.dialogs === 'native' ? t('verifyBundleFile.chooseABundleToCheck') : t('verifyBundleFile.checkThisBundle')}
        </button>
      </div>
      <StatusMessage tone={message?.tone ?? 'info'}>{message?.text ?? null}</StatusMessage>
      {failures.length > 0 ? (
        <ul className="compliance-problems" aria-label={t('verifyBundleFile.problemsFoundInTheChosen')}>
          {failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
