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
  const [query, setQuery] = useState<AuditQuery>({ filter: {} });
  const { loading, events, total, error, loadingOlder, loadOlder } = useAuditEvents(query);

  return (
    <>
      <PageHeading>Audit trail</PageHeading>
      <p className="lead">
        Every sign-in, failed sign-in, lock and change is recorded here. Each event carries a fingerprint of the one
        before it, so changing or removing an event breaks the chain.
      </p>
      <VerifyChain onVerified={() => setQuery((prev) => ({ ...prev }))} />
      <AuditFilterForm onApply={(filter) => setQuery({ filter })} />
      <StatusMessage tone="problem">{error}</StatusMessage>
      <div aria-busy={loading} className="audit-results">
        {loading ? <p>Loading events…</p> : <AuditTable events={events} total={total} />}
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
            Show older events
          </button>
        </div>
      ) : null}
    </>
  );
}
