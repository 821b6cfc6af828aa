import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { ChainVerification } from '../../../../shared/audit';
import { useApi } from '../../api/api-context';
import { messageOf } from '../../components/error-message';
import { StatusMessage } from '../../components/StatusMessage';
import '../../components/buttons.css';
import { i18n } from '../../i18n/i18n';

function describe(result: ChainVerification): string {
  if (result.intact) return i18n.t('audit:verifyChain.intact', { count: result.events });
  return i18n.t('audit:verifyChain.broken', { event: result.firstBadSeq, problem: result.problem });
}

/** Walks the whole chain in the backend and says whether it holds, or where it breaks. */
export function VerifyChain({ onVerified }: { onVerified: () => void }) {
  const { t } = useTranslation(['audit', 'common']);
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; tone: 'success' | 'problem' } | null>(null);

  const verify = async () => {
    if (busy) return;
    setBusy(true);
    setResult(null);
    try {
      const verification = await api['audit.verify']({});
      setResult({ text: describe(verification), tone: verification.intact ? 'success' : 'problem' });
      // The verification is itself an audited event.
      onVerified();
    } catch (error) {
      setResult({ text: messageOf(error), tone: 'problem' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card audit-verify" aria-labelledby="audit-verify-heading" aria-busy={busy}>
      <h2 id="audit-verify-heading">{t('verifyChain.checkTheChain')}</h2>
      <button
        type="button"
        className={busy ? 'button button-primary button-busy' : 'button button-primary'}
        aria-disabled={busy || undefined}
        onClick={() => void verify()}
      >
        {t('verifyChain.verifyChain')}
      </button>
      <StatusMessage tone={result?.tone ?? 'info'}>{busy ? t('verifyChain.verifyingEveryEvent') : result?.text}</StatusMessage>
    </section>
  );
}
