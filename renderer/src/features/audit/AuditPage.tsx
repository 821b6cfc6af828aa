import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { useAuditEvents, type AuditQuery } from './use-audit-events';
import { VerifyChain } from './VerifyChain';
import './audit.css';

/** The audit trail: every sign-in, lock and change, with filters and the chain check. */
export function AuditPage() {
  const { t } = useTranslation(['audit', 'common']);
  const [query, setQuery] = useState<AuditQuery>({ filter: {} });
  const { loading, events, total, error, loadingOlder, loadOlder } = useAuditEvents(query);

  return (
    <>
      <PageHeading>{t('auditPage.auditTrail')}</PageHeading>
      <p className="lead">
        {t('auditPage.everySignInFailedSign')}
      </p>
      <VerifyChain onVerified={() => setQuery((prev) => ({ ...prev }))} />
      <AuditFilterForm onApply={(filter) => setQuery({ filter })} />
      <StatusMessage tone="problem">{error}</StatusMessage>
      <div aria-busy={loading} className="audit-results">
        {loading ? <p>{t('auditPage.loadingEvents')}</p> : <AuditTable events={events} total={total} />}
      </div>
      {!loading && events.length < total ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={loadingOlder || undefined}
            onClick={() => {
              if (!loadingOlder) void loadOlder();
            }}
          >
            {t('auditPage.showOlderEvents')}
          </button>
        </div>
      ) : null}
    </>
  );
}
